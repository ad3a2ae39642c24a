import Foundation

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
    private let places: [String: SiteData.Place]
    private let tools: [String: SiteData.Tool]
    private let pilotsByTool: [String: [SiteData.Pilot]]
    private let pilotsByAuthority: [String: [SiteData.Pilot]]

    init(_ data: SiteData) {
        self.data = data
        places = Dictionary(uniqueKeysWithValues: data.places.map { ($0.code, $0) })
        tools = Dictionary(uniqueKeysWithValues: data.tools.map { ($0.id, $0) })
        pilotsByTool = Dictionary(grouping: data.pilots, by: \.toolID)
        var byAuthority: [String: [SiteData.Pilot]] = [:]
        for pilot in data.pilots { for code in pilot.authorities { byAuthority[code, default: []].append(pilot) } }
        pilotsByAuthority = byAuthority
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

    // MARK: - Overview

    func overview() -> Page {
        var page = Page(template: "page", path: "index.html", title: "AI and digital tools in children's social care",
                        lead: "Who is trying which tools, how far they have gone, what risk and ethics work was done and what the evaluations found.")
        let adoption = national(.adoption)
        func total(_ filters: [String], _ indicator: Int) -> String {
            adoption.first { $0.filters == filters }?.values[indicator].description ?? "0"
        }
        page.facts = [
            ("Pilots recorded", total(["Total", "Total"], 0)),
            ("Authorities taking part", total(["Total", "Total"], 1)),
            ("Implemented with no evaluation", national(.unevaluatedRollouts).first { $0.filters == ["Total"] }?.values[1].description ?? "0"),
        ]
        page.charts.append(adoptionChart(adoption))
        page.charts.append(trendChart())
        page.charts.append(governanceChart())
        page.charts.append(evidenceChart())
        page.charts.append(stoppedChart())
        page.charts.append(mapChart())
        page.links = [
            ("Regions", data.networks.filter { $0.kind == "region" }.map { Link(text: $0.name, href: "networks/\($0.slug).html", hint: nil) }),
            ("Networks", data.networks.filter { $0.kind != "region" }.map { Link(text: $0.name, href: "networks/\($0.slug).html", hint: nil) }),
            ("Tools", data.tools.filter { pilotsByTool[$0.id] != nil }.sorted { $0.name < $1.name }.map {
                Link(text: $0.name, href: "tools/\($0.id).html", hint: VocabularyLabel.label($0.kind))
            }),
        ]
        return page
    }

    private func national(_ dataset: StatisticsDataset) -> [StatisticsRow] {
        (data.statistics[dataset]?.rows ?? []).filter { $0.level == .national }
    }

    private func number(_ value: StatisticsValue) -> Double? {
        if case .number(let text) = value { Double(text) } else { nil }
    }

    private func adoptionChart(_ rows: [StatisticsRow]) -> Chart {
        let kinds = Set(rows.map { $0.filters[0] }).subtracting(["Total"]).sorted()
        let bars = kinds.map { kind in
            SVGChart.Bar(label: VocabularyLabel.label(kind), segments: SVGChart.phases.map { phase in
                (phase, rows.first { $0.filters == [kind, phase] }.flatMap { number($0.values[0]) } ?? 0)
            })
        }
        let table = Table(
            caption: "Pilots by tool kind and phase (c: withheld, fewer than three authorities)",
            headers: ["Tool kind"] + SVGChart.phases.map(VocabularyLabel.label) + ["Total"],
            rows: kinds.map { kind in
                [Cell(text: VocabularyLabel.label(kind))] + (SVGChart.phases + ["Total"]).map { phase in
                    Cell(text: rows.first { $0.filters == [kind, phase] }?.values[0].description ?? "0")
                }
            })
        return Chart(
            id: "adoption", title: "Pilots by tool kind and phase",
            caption: "Each bar is one kind of tool; its segments are the pilots at each phase today. Withheld figures count as nothing in the bars.",
            svg: SVGChart.bars(bars, title: "Pilots by tool kind and phase", description: "Stacked bars of pilots per tool kind, by phase.", colours: SVGChart.phaseColours),
            table: table, csvHref: "data/adoption.csv", legend: SVGChart.phases.map { ($0, VocabularyLabel.label($0)) })
    }

    private func trendChart() -> Chart {
        let rows = national(.adoptionTimeSeries).filter { $0.filters[0] == "Total" }
        let periods = Array(Set(rows.map { "\($0.timePeriod) Q\($0.timeIdentifier.suffix(1))" })).sorted()
        let shown = ["pilot", "implemented", "fully_established"]
        let series = shown.map { phase in
            (key: phase, values: periods.map { period -> Double? in
                rows.first { "\($0.timePeriod) Q\($0.timeIdentifier.suffix(1))" == period && $0.filters[1] == phase }.flatMap { number($0.values[0]) } ?? 0
            })
        }
        let table = Table(
            caption: "Pilots at each phase at the end of each quarter",
            headers: ["Quarter"] + shown.map(VocabularyLabel.label),
            rows: periods.map { period in
                [Cell(text: period)] + shown.map { phase in
                    Cell(text: rows.first { "\($0.timePeriod) Q\($0.timeIdentifier.suffix(1))" == period && $0.filters[1] == phase }?.values[0].description ?? "0")
                }
            })
        return Chart(
            id: "trend", title: "Pilots in use over time",
            caption: "Pilots in pilot, implemented and fully established at the end of each quarter since 2023, from the dated phase history. Gaps are withheld figures.",
            svg: SVGChart.lines(periods: periods, series: series, title: "Pilots in use over time", description: "Lines of pilots per phase by quarter.", colours: SVGChart.phaseColours),
            table: table, csvHref: "data/trend.csv", legend: shown.map { ($0, VocabularyLabel.label($0)) })
    }

    private func governanceChart() -> Chart {
        let rows = national(.governance).filter { $0.filters[0] == "Total" && $0.filters[2] != "Total" && $0.filters[1] != "Total" }
        let bars = rows.map { row in
            SVGChart.Bar(label: VocabularyLabel.label(row.filters[2]), segments: [(row.filters[1], number(row.values[2]) ?? 0)])
        }
        let table = Table(
            caption: "Live pilots with each practice",
            headers: ["Practice", "Group", "Live pilots", "With the practice", "Share (%)"],
            rows: rows.map { row in
                [Cell(text: VocabularyLabel.label(row.filters[2])), Cell(text: VocabularyLabel.label(row.filters[1]))]
                    + row.values.map { Cell(text: $0.description) }
            })
        return Chart(
            id: "governance", title: "Risk and ethics work on live pilots",
            caption: "The share of live pilots (pilot, implemented, fully established) with each completed assessment, ethics principle covered and safeguard in place.",
            svg: SVGChart.bars(bars, title: "Risk and ethics work on live pilots", description: "Bars of the percentage of live pilots with each practice.",
                               colours: ["assessment": "#1d70b8", "ethics_principle": "#4c2c92", "safeguard": "#00703c"], unit: "%"),
            table: table, csvHref: "data/governance.csv",
            legend: [("assessment", "Assessment done"), ("ethics_principle", "Ethics principle covered"), ("safeguard", "Safeguard in place")])
    }

    /// Implemented tools with and without an evaluation under way or completed, by kind.
    private func evidenceChart() -> Chart {
        let rows = national(.unevaluatedRollouts).filter { $0.filters[0] != "Total" }
        let bars = rows.map { row -> SVGChart.Bar in
            let all = number(row.values[0]) ?? 0, without = number(row.values[1]) ?? 0
            return SVGChart.Bar(label: VocabularyLabel.label(row.filters[0]), segments: [("evaluated", all - without), ("unevaluated", without)])
        }
        return Chart(
            id: "evidence", title: "Are implemented tools evaluated?",
            caption: "Implemented and fully established pilots of each kind, split by whether an evaluation is under way or completed. Roll-outs with no evaluation are shown, not hidden.",
            svg: SVGChart.bars(bars, title: "Are implemented tools evaluated?", description: "Stacked bars of implemented pilots per kind, evaluated and not.",
                               colours: ["evaluated": "#00703c", "unevaluated": "#d4351c"]),
            table: Table(caption: "Implemented pilots and evaluations by tool kind",
                         headers: ["Tool kind", "Implemented", "With no evaluation", "Share with none (%)"],
                         rows: rows.map { row in [Cell(text: VocabularyLabel.label(row.filters[0]))] + row.values.map { Cell(text: $0.description) } }),
            csvHref: "data/evidence.csv",
            legend: [("evaluated", "Evaluation under way or completed"), ("unevaluated", "No evaluation")])
    }

    private func stoppedChart() -> Chart {
        let rows = national(.discontinuationReasons).filter { $0.filters[0] == "Total" && $0.filters[1] != "Total" }
        let bars = rows.map { SVGChart.Bar(label: VocabularyLabel.label($0.filters[1]), segments: [("discontinued", number($0.values[0]) ?? 0)]) }
        return Chart(
            id: "stopped", title: "What stopped, and why",
            caption: "Pilots discontinued, by the reasons given when they stopped (a pilot may give several).",
            svg: SVGChart.bars(bars, title: "What stopped, and why", description: "Bars of discontinued pilots per reason.", colours: SVGChart.phaseColours),
            table: Table(caption: "Discontinued pilots by reason", headers: ["Reason", "Pilots", "Authorities"],
                         rows: rows.map { row in [Cell(text: VocabularyLabel.label(row.filters[1]))] + row.values.map { Cell(text: $0.description) } }),
            csvHref: "data/stopped.csv")
    }

    /// Each authority coloured by the furthest phase any of its visible pilots has reached.
    private func mapChart() -> Chart {
        let order = ["none"] + SVGChart.phases.filter { !["paused", "discontinued", "retired"].contains($0) }
        let cells = data.places.compactMap { place -> (code: String, name: String, q: Int, r: Int, category: String, link: String?)? in
            guard let hex = place.hex else { return nil }
            let phases = (pilotsByAuthority[place.code] ?? []).map(\.phase)
            let furthest = order.last { phases.contains($0) } ?? (phases.isEmpty ? "none" : "stopped")
            return (place.code, place.name, hex.q, hex.r, furthest, pilotsByAuthority[place.code] == nil ? nil : "authorities/\(place.code).html")
        }
        var colours = SVGChart.phaseColours
        colours["none"] = "#f3f2f1"
        colours["stopped"] = "#b1b4b6"
        let counts = Dictionary(grouping: cells, by: \.category).mapValues(\.count)
        return Chart(
            id: "map", title: "Where tools are in use",
            caption: "Each hexagon is an authority, roughly where it is in England, coloured by the furthest phase any of its pilots has reached. Select one to see its pilots.",
            svg: SVGChart.hexMap(cells, title: "Map of authorities by adoption", description: "Hex grid of English authorities coloured by furthest phase reached.", colours: colours),
            table: Table(caption: "Authorities by the furthest phase reached", headers: ["Furthest phase", "Authorities"],
                         rows: (order + ["stopped"]).map { [Cell(text: VocabularyLabel.label($0), tag: $0), Cell(text: String(counts[$0] ?? 0))] }),
            csvHref: "data/map.csv",
            legend: [("none", "No pilots")] + order.dropFirst().map { ($0, VocabularyLabel.label($0)) } + [("stopped", "All stopped")])
    }

    // MARK: - Networks and regions

    func network(_ network: SiteData.Network) -> Page {
        var page = Page(template: "page", path: "networks/\(network.slug).html", title: network.name,
                        lead: network.description ?? "A network of \(network.members.count) authorities.")
        let members = network.members.compactMap { places[$0] }.sorted { $0.name < $1.name }
        let memberCodes = Set(network.members)
        let pilots = data.pilots.filter { !memberCodes.isDisjoint(with: $0.authorities) }
        let toolIDs = Array(Set(pilots.map(\.toolID))).sorted { (tools[$0]?.name ?? "") < (tools[$1]?.name ?? "") }
        page.tables.append(Table(
            caption: "Which member uses which tool, at which phase",
            headers: ["Authority"] + toolIDs.map { tools[$0]?.name ?? "" },
            rows: members.filter { pilotsByAuthority[$0.code] != nil }.map { member in
                [Cell(text: member.name, href: "../authorities/\(member.code).html")] + toolIDs.map { toolID in
                    let phase = pilots.first { $0.toolID == toolID && $0.authorities.contains(member.code) }?.phase
                    return Cell(text: phase.map(VocabularyLabel.label) ?? "", tag: phase)
                }
            }))
        let ids = Set(pilots.map(\.id))
        page.tables.append(resourcingTable(data.resourcing.filter { ids.contains($0.pilotID) && memberCodes.contains($0.authority) }, caption: "Resourcing by member (all stages)"))
        page.lists = [
            ("Evaluation findings", data.evaluations.filter { ids.contains($0.pilotID) }.compactMap { evaluation in
                evaluation.findings.map { Item(text: "\(places[evaluation.authority]?.name ?? evaluation.authority), \(VocabularyLabel.label(evaluation.evaluator).lowercased()) evaluation: \($0)") }
            }),
            ("Lessons", data.insights.filter { ids.contains($0.pilotID) && $0.kind == "key_learning" }.map { Item(text: $0.text) }),
            ("Barriers", data.insights.filter { ids.contains($0.pilotID) && $0.kind == "barrier" }.map { Item(text: $0.text) }),
        ]
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
                    CallForEvidence.format(mine.filter { $0.stage == stage }.compactMap(\.amount).reduce(0, +), places: 2)
                }
                return [Cell(text: places[code]?.name ?? code), Cell(text: money("develop")), Cell(text: money("implement")),
                        Cell(text: money("maintain")), Cell(text: CallForEvidence.format(mine.compactMap(\.fte).reduce(0, +), places: 2))]
            })
    }

    // MARK: - Tools, authorities, providers

    func tool(_ tool: SiteData.Tool) -> Page {
        let pilots = pilotsByTool[tool.id] ?? []
        let ids = Set(pilots.map(\.id))
        var page = Page(template: "page", path: "tools/\(tool.id).html", title: tool.name, lead: tool.description)
        page.facts = [
            ("Kind", VocabularyLabel.label(tool.kind)), ("Technology", VocabularyLabel.label(tool.technology)),
            ("Provider", data.provider(tool.providerID)?.name ?? "Built by an authority"),
            ("Authorities", String(Set(pilots.flatMap(\.authorities)).count)),
        ]
        if let provider = tool.providerID { page.extra["providerHref"] = "../providers/\(provider).html" }
        let evaluated = Set(data.evaluations.filter { $0.status != "planned" }.map(\.pilotID))
        page.tables.append(Table(
            caption: "Where it is used",
            headers: ["Authority", "Pilot", "Phase", "Since", "Evaluation"],
            rows: pilots.map { pilot in
                [Cell(text: places[pilot.lead]?.name ?? pilot.lead, href: "../authorities/\(pilot.lead).html"), Cell(text: pilot.title),
                 Cell(text: VocabularyLabel.label(pilot.phase), tag: pilot.phase), Cell(text: pilot.phaseSince),
                 evaluated.contains(pilot.id) ? Cell(text: "Evaluated")
                    : ["implemented", "fully_established"].contains(pilot.phase) ? Cell(text: "Rolled out with no evaluation", tag: "unevaluated") : Cell(text: "None yet")]
            }))
        page.tables.append(resourcingTable(data.resourcing.filter { ids.contains($0.pilotID) }, caption: "What it cost"))
        let stops = pilots.filter { $0.phase == "discontinued" }.compactMap { pilot in
            pilot.history.last { $0.phase == "discontinued" }.map { Item(text: "\(places[pilot.lead]?.name ?? pilot.lead): " + ($0.reasons.map(VocabularyLabel.label).joined(separator: ", ") + ($0.note.map { ". \($0)" } ?? ""))) }
        }
        // Pilots with each safeguard in a completed assessment, each pilot counted once.
        let completed = data.assessments.filter { ids.contains($0.pilotID) && $0.status == "completed" }
        let counted = Dictionary(grouping: completed.flatMap { assessment in assessment.safeguards.map { ($0, assessment.pilotID) } }, by: \.0)
            .mapValues { Set($0.map(\.1)).count }
        page.lists = [
            ("Outcomes", SVGChart.phases.compactMap { phase in
                let count = pilots.filter { $0.phase == phase }.count
                return count == 0 ? nil : Item(text: "\(VocabularyLabel.label(phase)): \(count)")
            }),
            ("Why it was stopped", stops),
            ("Safeguards in place", counted.keys.sorted().map { Item(text: "\(VocabularyLabel.label($0)) (\(counted[$0]!) of \(pilots.count) pilots)") }),
            ("Evaluation findings", data.evaluations.filter { ids.contains($0.pilotID) }.compactMap { $0.findings.map { Item(text: $0) } }),
        ]
        return page
    }

    func authority(_ place: SiteData.Place) -> Page {
        var page = Page(template: "page", path: "authorities/\(place.code).html", title: place.name,
                        lead: "Authority \(place.code) (DfE \(place.dfeCode)), \(data.regions.first { $0.code == place.regionCode }?.name ?? "").")
        page.tables.append(Table(
            caption: "Pilots",
            headers: ["Pilot", "Tool", "Phase", "Since", "Role"],
            rows: (pilotsByAuthority[place.code] ?? []).map { pilot in
                [Cell(text: pilot.title), Cell(text: tools[pilot.toolID]?.name ?? "", href: "../tools/\(pilot.toolID).html"),
                 Cell(text: VocabularyLabel.label(pilot.phase), tag: pilot.phase), Cell(text: pilot.phaseSince),
                 Cell(text: pilot.lead == place.code ? "Lead" : "Participant")]
            }))
        page.lists = data.singleViews.filter { $0.authority == place.code }.map { view in
            ("Single view: \(VocabularyLabel.label(view.status))",
             view.sources.map { Item(text: VocabularyLabel.label($0)) } + (view.link.map { [Item(text: "Data model: \($0)")] } ?? []))
        }
        return page
    }

    func provider(_ provider: SiteData.Provider) -> Page {
        var page = Page(template: "page", path: "providers/\(provider.id).html", title: provider.name, lead: provider.description)
        page.links = [("Tools", data.tools.filter { $0.providerID == provider.id }.map { tool in
            Link(text: tool.name, href: "../tools/\(tool.id).html",
                 hint: "\(VocabularyLabel.label(tool.kind)), used by \(Set((pilotsByTool[tool.id] ?? []).flatMap(\.authorities)).count) authorities")
        })]
        return page
    }

    // MARK: - Compare and search

    func compare() -> Page {
        var page = Page(template: "compare", path: "compare.html", title: "Compare tools",
                        lead: "Tools side by side. Tick two or three to compare just those.")
        let used = data.tools.filter { pilotsByTool[$0.id] != nil }.sorted { $0.name < $1.name }
        func row(_ label: String, _ value: (SiteData.Tool) -> String) -> [Cell] { [Cell(text: label)] + used.map { Cell(text: value($0)) } }
        let evaluated = Set(data.evaluations.filter { $0.status != "planned" }.map(\.pilotID))
        page.tables.append(Table(
            caption: "Tools compared",
            headers: ["" ] + used.map(\.name),
            rows: [
                row("Kind") { VocabularyLabel.label($0.kind) },
                row("Provider") { data.provider($0.providerID)?.name ?? "Built by an authority" },
                row("Authorities") { String(Set((pilotsByTool[$0.id] ?? []).flatMap(\.authorities)).count) },
            ] + SVGChart.phases.map { phase in
                row("Pilots \(VocabularyLabel.label(phase).lowercased())") { tool in String((pilotsByTool[tool.id] ?? []).filter { $0.phase == phase }.count) }
            } + [
                row("Evaluated") { tool in String((pilotsByTool[tool.id] ?? []).filter { evaluated.contains($0.id) }.count) },
                row("Money spent (£)") { tool in
                    let ids = Set((pilotsByTool[tool.id] ?? []).map(\.id))
                    return CallForEvidence.format(data.resourcing.filter { ids.contains($0.pilotID) }.compactMap(\.amount).reduce(0, +), places: 2)
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
                Link(text: $0.name, href: "tools/\($0.id).html", hint: VocabularyLabel.label($0.kind))
            }),
            ("Authorities", data.places.filter { pilotsByAuthority[$0.code] != nil }.map {
                Link(text: $0.name, href: "authorities/\($0.code).html", hint: $0.code)
            }),
            ("Providers", data.providers.sorted { $0.name < $1.name }.map { Link(text: $0.name, href: "providers/\($0.id).html", hint: nil) }),
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
