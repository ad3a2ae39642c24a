import Foundation
import RegistryAPI

/// The pages of a dashboard site, as the values its Mustache templates render. Each page is
/// built from `SiteData` alone, so what a site shows is exactly what its audience may see.
struct SitePages: Sendable {
    /// A link or a plain value in a table cell; `tag` colours it as a phase.
    struct Cell: Sendable { var text: String; var href: String?; var tag: String? }
    struct Table: Sendable { var caption: String; var headers: [String]; var rows: [[Cell]] }
    struct Chart: Sendable {
        var id: String
        var title: String
        var caption: String
        var svg: String
        var table: Table
        var csvHref: String
        /// What each colour means: a key (its tag class) and a label.
        var legend: [(key: String, label: String)] = []
    }
    struct Link: Sendable { var text: String; var href: String; var hint: String? }
    struct Item: Sendable { var text: String }
    /// A page to render: its template, where it goes, and what it shows.
    struct Page: Sendable {
        var template: String
        var path: String
        var title: String
        var lead: String?
        var charts: [Chart] = []
        var tables: [Table] = []
        var lists: [(heading: String, items: [Item])] = []
        var links: [(heading: String, links: [Link])] = []
        var facts: [(label: String, value: String)] = []
        var extra: [String: String] = [:]
    }

    let data: SiteData
    let places: [String: SiteData.Place]
    let tools: [String: SiteData.Tool]
    let pilotsByTool: [String: [Pilot]]
    let pilotsByAuthority: [String: [Pilot]]
    /// Worked out once: every record's name asks for it.
    let demonstration: SiteData.Demonstration

    init(_ data: SiteData) {
        self.data = data
        demonstration = data.demonstration
        places = Dictionary(uniqueKeysWithValues: data.places.map { ($0.code, $0) })
        tools = Dictionary(uniqueKeysWithValues: data.tools.map { ($0.id, $0) })
        pilotsByTool = Dictionary(grouping: data.pilots, by: \.toolId)
        var byAuthority: [String: [Pilot]] = [:]
        for pilot in data.pilots { for code in pilot.authorities { byAuthority[code, default: []].append(pilot) } }
        pilotsByAuthority = byAuthority
    }

    /// Who found a finding and how far the evaluation has gone: "an independent (external)
    /// evaluation, completed". A supplier's study of its own tool says so.
    static func whoFound(_ evaluation: SiteData.Evaluation) -> String {
        let who = switch evaluation.evaluator {
        case "external": "an independent (external) evaluation"
        case "internal": "the authority's own evaluation"
        case "provider": "the provider's own evaluation"
        default: "an evaluation"
        }
        return who + ", " + (evaluation.status == "completed" ? "completed" : "\(VocabularyLabel.label(evaluation.status).lowercased()), not yet complete")
    }

    /// A record's name, marked when demonstration records stand beside real ones.
    func named(_ name: String, demo: Bool) -> String {
        if case .mixed = demonstration, demo { return "\(name) (demonstration)" }
        return name
    }

    /// Every page, plus the CSV file behind each chart (path → contents).
    func pages() -> (pages: [Page], files: [String: String]) {
        var pages = [overview(), compare(), search()]
        pages += data.networks.map(network)
        pages += data.tools.filter { pilotsByTool[$0.id] != nil }.map(tool)
        let withSingleView = Set(data.singleViews.map(\.authority))
        pages += data.places.filter { pilotsByAuthority[$0.code] != nil || withSingleView.contains($0.code) }.map(authority)
        pages += data.providers.map(provider)
        var files: [String: String] = [:]
        for page in pages {
            for chart in page.charts { files[chart.csvHref] = Self.csv(chart.table) }
        }
        return (pages, files)
    }

    // MARK: - Networks and regions

    func network(_ network: SiteData.Network) -> Page {
        var page = Page(template: "page", path: "networks/\(network.slug).html", title: network.name,
                        lead: network.description ?? "A network of \(network.members.count) authorities.")
        let members = network.members.compactMap { places[$0] }.sorted { $0.name < $1.name }
        let memberCodes = Set(network.members)
        let pilots = data.pilots.filter { !memberCodes.isDisjoint(with: $0.authorities) }
        let toolIDs = Array(Set(pilots.map(\.toolId))).sorted { (tools[$0]?.name ?? "") < (tools[$1]?.name ?? "") }
        page.tables.append(Table(
            caption: "Which member uses which tool, at which phase",
            headers: ["Authority"] + toolIDs.map { tools[$0]?.name ?? "" },
            rows: members.filter { pilotsByAuthority[$0.code] != nil }.map { member in
                [Cell(text: member.name, href: "../authorities/\(member.code).html")] + toolIDs.map { toolID in
                    let phase = pilots.first { $0.toolId == toolID && $0.authorities.contains(member.code) }?.phase.rawValue
                    return Cell(text: phase.map(VocabularyLabel.label) ?? "", tag: phase)
                }
            }))
        let ids = Set(pilots.map(\.id))
        let spent = data.resourcing.filter { ids.contains($0.pilotID) && memberCodes.contains($0.authority) }
        page.tables.append(resourcingTable(spent, caption: "Resourcing by member (all stages)"))
        let findings = data.evaluations.filter { ids.contains($0.pilotID) }.compactMap { evaluation in
            evaluation.findings.map { Item(text: "\(name(of: evaluation.authority)), \(Self.whoFound(evaluation)): \($0)") }
        }
        func insights(_ kind: String) -> [Item] {
            data.insights.filter { ids.contains($0.pilotID) && $0.kind == kind }.map { Item(text: $0.text) }
        }
        page.lists = [("Evaluation findings", findings), ("Lessons", insights("key_learning")), ("Barriers", insights("barrier"))]
        return page
    }

    private func resourcingTable(_ lines: [SiteData.Resourcing], caption: String) -> Table {
        let byAuthority = Dictionary(grouping: lines, by: \.authority)
        return Table(
            caption: caption,
            headers: ["Authority", "Develop (£)", "Implement (£)", "Maintain (£)", "Staff (FTE)"],
            rows: byAuthority.keys.sorted { (places[$0]?.name ?? $0) < (places[$1]?.name ?? $1) }.map { code in
                let mine = byAuthority[code]!
                func money(_ stage: String) -> String {
                    mine.filter { $0.stage == stage }.compactMap(\.amount).reduce(0, +).text(places: 2)
                }
                return [Cell(text: places[code]?.name ?? code), Cell(text: money("develop")), Cell(text: money("implement")),
                        Cell(text: money("maintain")), Cell(text: mine.compactMap(\.fte).reduce(0, +).text(places: 2))]
            })
    }

    // MARK: - Tools, authorities, providers

    func tool(_ tool: SiteData.Tool) -> Page {
        let pilots = pilotsByTool[tool.id] ?? []
        let ids = Set(pilots.map(\.id))
        var page = Page(template: "page", path: "tools/\(tool.id).html", title: named(tool.name, demo: tool.isDemo), lead: tool.description)
        page.facts = [
            ("Kind", VocabularyLabel.label(tool.kind)), ("Technology", VocabularyLabel.label(tool.technology)),
            ("Provider", data.provider(tool.providerID)?.name ?? "Built by an authority"),
            ("Authorities", String(authorityCount(using: tool))),
        ]
        if let provider = tool.providerID { page.extra["providerHref"] = "../providers/\(provider).html" }
        let evaluated = Set(data.evaluations.filter { $0.status != "planned" }.map(\.pilotID))
        page.tables.append(Table(
            caption: "Where it is used",
            headers: ["Authority", "Pilot", "Phase", "Since", "Evaluation"],
            rows: pilots.map { pilot in
                [Cell(text: name(of: pilot.leadAuthority), href: "../authorities/\(pilot.leadAuthority).html"),
                 Cell(text: named(pilot.title, demo: pilot.isDemo)), phaseCell(pilot), Cell(text: pilot.phaseSince),
                 evidenceCell(pilot, evaluated: evaluated.contains(pilot.id))]
            }))
        page.tables.append(resourcingTable(data.resourcing.filter { ids.contains($0.pilotID) }, caption: "What it cost"))
        let stops = pilots.filter { $0.phase == .discontinued }.compactMap { pilot in
            data.phaseChanges[pilot.id]?.last { $0.phase == .discontinued }.map { change in
                let reasons = change.reasons.map { VocabularyLabel.label($0.rawValue) }.joined(separator: ", ")
                return Item(text: "\(name(of: pilot.leadAuthority)): \(reasons)" + (change.note.map { ". \($0)" } ?? ""))
            }
        }
        // Pilots with each safeguard in a completed assessment, each pilot counted once.
        let completed = data.assessments.filter { ids.contains($0.pilotID) && $0.status == "completed" }
        let safeguarded = completed.flatMap { assessment in assessment.safeguards.map { ($0, assessment.pilotID) } }
        let counted = Dictionary(grouping: safeguarded, by: \.0).mapValues { Set($0.map(\.1)).count }
        page.lists = [
            ("Outcomes", SVGChart.phases.compactMap { phase in
                let count = pilots.filter { $0.phase.rawValue == phase }.count
                return count == 0 ? nil : Item(text: "\(VocabularyLabel.label(phase)): \(count)")
            }),
            ("Why it was stopped", stops),
            ("Safeguards in place", counted.keys.sorted().map { safeguard in
                Item(text: "\(VocabularyLabel.label(safeguard)) (\(counted[safeguard]!) of \(pilots.count) pilots)")
            }),
            ("Evaluation findings", data.evaluations.filter { ids.contains($0.pilotID) }.compactMap { evaluation in
                evaluation.findings.map { Item(text: "\(Self.whoFound(evaluation).prefix(1).uppercased() + Self.whoFound(evaluation).dropFirst()): \($0)") }
            }),
        ]
        return page
    }

    /// How many authorities lead or take part in a pilot of `tool`.
    private func authorityCount(using tool: SiteData.Tool) -> Int {
        Set((pilotsByTool[tool.id] ?? []).flatMap(\.authorities)).count
    }

    private func name(of authority: String) -> String {
        places[authority]?.name ?? authority
    }

    private func phaseCell(_ pilot: Pilot) -> Cell {
        Cell(text: VocabularyLabel.label(pilot.phase.rawValue), tag: pilot.phase.rawValue)
    }

    /// Whether a pilot's evidence is in; a roll-out with none is flagged, not hidden.
    private func evidenceCell(_ pilot: Pilot, evaluated: Bool) -> Cell {
        if evaluated { return Cell(text: "Evaluated") }
        if [.implemented, .fullyEstablished].contains(pilot.phase) {
            return Cell(text: "Rolled out with no evaluation", tag: "unevaluated")
        }
        return Cell(text: "None yet")
    }

    func authority(_ place: SiteData.Place) -> Page {
        let region = data.regions.first { $0.code == place.regionCode }?.name ?? ""
        var page = Page(
            template: "page", path: "authorities/\(place.code).html", title: place.name,
            lead: "Authority \(place.code) (DfE \(place.dfeCode)), \(region).")
        page.tables.append(Table(
            caption: "Pilots",
            headers: ["Pilot", "Tool", "Phase", "Since", "Role"],
            rows: (pilotsByAuthority[place.code] ?? []).map { pilot in
                [Cell(text: named(pilot.title, demo: pilot.isDemo)), Cell(text: tools[pilot.toolId]?.name ?? "", href: "../tools/\(pilot.toolId).html"),
                 phaseCell(pilot), Cell(text: pilot.phaseSince),
                 Cell(text: pilot.leadAuthority == place.code ? "Lead" : "Participant")]
            }))
        page.lists = data.singleViews.filter { $0.authority == place.code }.map { view in
            let sources = view.sources.map { Item(text: VocabularyLabel.label($0)) }
            let link = view.link.map { [Item(text: "Data model: \($0)")] } ?? []
            return ("Single view: \(VocabularyLabel.label(view.status))", sources + link)
        }
        return page
    }

    func provider(_ provider: SiteData.Provider) -> Page {
        var page = Page(
            template: "page", path: "providers/\(provider.id).html", title: named(provider.name, demo: provider.isDemo), lead: provider.description)
        page.links = [("Tools", data.tools.filter { $0.providerID == provider.id }.map { tool in
            let hint = "\(VocabularyLabel.label(tool.kind)), used by \(authorityCount(using: tool)) authorities"
            return Link(text: named(tool.name, demo: tool.isDemo), href: "../tools/\(tool.id).html", hint: hint)
        })]
        return page
    }

    // MARK: - Compare and search

    func compare() -> Page {
        var page = Page(template: "compare", path: "compare.html", title: "Compare tools",
                        lead: "Tools side by side. Tick two or three to compare just those.")
        let used = data.tools.filter { pilotsByTool[$0.id] != nil }.sorted { $0.name < $1.name }
        func row(_ label: String, _ value: (SiteData.Tool) -> String) -> [Cell] {
            [Cell(text: label)] + used.map { Cell(text: value($0)) }
        }
        func pilots(of tool: SiteData.Tool) -> [Pilot] { pilotsByTool[tool.id] ?? [] }
        let evaluated = Set(data.evaluations.filter { $0.status != "planned" }.map(\.pilotID))
        page.tables.append(Table(
            caption: "Tools compared",
            headers: ["" ] + used.map(\.name),
            rows: [
                row("Kind") { VocabularyLabel.label($0.kind) },
                row("Provider") { data.provider($0.providerID)?.name ?? "Built by an authority" },
                row("Authorities") { String(authorityCount(using: $0)) },
            ] + SVGChart.phases.map { phase in
                row("Pilots \(VocabularyLabel.label(phase).lowercased())") { tool in
                    String(pilots(of: tool).filter { $0.phase.rawValue == phase }.count)
                }
            } + [
                row("Evaluated") { tool in String(pilots(of: tool).filter { evaluated.contains($0.id) }.count) },
                row("Money spent (£)") { tool in
                    let ids = Set(pilots(of: tool).map(\.id))
                    return data.resourcing.filter { ids.contains($0.pilotID) }.compactMap(\.amount).reduce(0, +).text(places: 2)
                },
            ]))
        page.links = [("Choose tools", used.map { Link(text: $0.name, href: "tools/\($0.id).html", hint: $0.id) })]
        return page
    }

    func search() -> Page {
        var page = Page(template: "search", path: "search.html", title: "Find a tool or authority",
                        lead: "Everything on this site, A to Z. Type in the box to narrow the list.")
        page.links = [
            ("Tools", data.tools.filter { pilotsByTool[$0.id] != nil }.sorted { $0.name < $1.name }.map {
                Link(text: named($0.name, demo: $0.isDemo), href: "tools/\($0.id).html", hint: VocabularyLabel.label($0.kind))
            }),
            ("Authorities", data.places.filter { pilotsByAuthority[$0.code] != nil }.map {
                Link(text: $0.name, href: "authorities/\($0.code).html", hint: $0.code)
            }),
            ("Providers", data.providers.sorted { $0.name < $1.name }.map {
                Link(text: named($0.name, demo: $0.isDemo), href: "providers/\($0.id).html", hint: nil)
            }),
            ("Networks and regions", data.networks.map { Link(text: $0.name, href: "networks/\($0.slug).html", hint: nil) }),
        ]
        return page
    }

    static func csv(_ table: Table) -> String {
        var csv = CSVWriter(header: table.headers.map { $0.isEmpty ? "item" : $0 })
        for row in table.rows { csv.append(row.map(\.text)) }
        return csv.text
    }
}
