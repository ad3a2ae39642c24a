import Foundation
import RegistryAPI

/// Everything one audience may see, loaded once for a dashboard build: pilots with their phase
/// histories as the contract's types, the other records from the bulk export's queries (one
/// query per table, so a build costs the same few queries at any scale), and the statistics
/// tables with the small-number rule applied.
struct SiteData: Sendable {
    struct Place: Sendable {
        var code: String
        var dfeCode: String
        var name: String
        var regionCode: String
        var hex: (q: Int, r: Int)?
    }
    struct Provider: Sendable {
        var id: String
        var name: String
        var website: String?
        var description: String?
        var isDemo = false
    }
    struct Tool: Sendable {
        var id: String
        var name: String
        var providerID: String?
        var kind: String
        var technology: String
        var description: String?
        var isDemo = false
    }
    struct Network: Sendable {
        var id: String
        var slug: String
        var name: String
        var kind: String
        var description: String?
        var members: [String]
    }
    struct Resourcing: Sendable {
        var pilotID: String
        var authority: String
        var stage: String
        var fte: Decimal?
        var amount: Decimal?
    }
    struct Assessment: Sendable {
        var pilotID: String
        var kind: String
        var status: String
        var safeguards: [String]
        var principles: [String]
    }
    struct Evaluation: Sendable {
        var pilotID: String
        var authority: String
        var evaluator: String
        var status: String
        var outcome: String?
        var findings: String?
    }
    struct Insight: Sendable {
        var pilotID: String
        var kind: String
        var text: String
    }
    struct SingleView: Sendable {
        var authority: String
        var name: String?
        var status: String
        var sources: [String]
        var link: String?
    }

    var audience: Audience
    var builtAt: Date
    var regions: [(code: String, name: String)] = []
    var places: [Place] = []
    var providers: [Provider] = []
    var tools: [Tool] = []
    var networks: [Network] = []
    var pilots: [Pilot] = []
    /// Each pilot's phase history, by pilot id.
    var phaseChanges: [String: [PhaseChange]] = [:]
    var resourcing: [Resourcing] = []
    var assessments: [Assessment] = []
    var evaluations: [Evaluation] = []
    var insights: [Insight] = []
    var singleViews: [SingleView] = []
    var statistics: [StatisticsDataset: StatisticsTable] = [:]
    /// Whether the site shows demonstration data: none, only that, or some beside real records.
    enum Demonstration: Equatable {
        case none
        case only
        case mixed(demoPilots: Int, pilots: Int)
    }

    var demonstration: Demonstration {
        let demo = pilots.count(where: \.isDemo)
        if demo == 0 { return .none }
        return demo == pilots.count ? .only : .mixed(demoPilots: demo, pilots: pilots.count)
    }

    /// The datasets the pages draw on, at the national level.
    static let datasets: [StatisticsDataset] = [
        .adoption, .adoptionTimeSeries, .governance, .unevaluatedRollouts, .discontinuationReasons,
    ]

    static func load(_ audience: Audience, viewer: Caller, store: RegistryStore, now: Date = Date()) async throws -> SiteData {
        var data = SiteData(audience: audience, builtAt: now)
        data.regions = try await store.reference.regions().map { ($0.code, $0.name) }
        let hex = try await store.reference.hexPositions()
        data.places = try await store.reference.authorities(inRegion: nil).map {
            Place(code: $0.code, dfeCode: $0.dfeCode, name: $0.name, regionCode: $0.regionCode, hex: hex[$0.code])
        }
        func table(_ table: ExportStore.Table) async throws -> [Row] {
            let rows = try await store.exports.rows(table, viewer: viewer)
            let index = Dictionary(uniqueKeysWithValues: rows.columns.enumerated().map { ($1, $0) })
            return rows.rows.map { Row(index: index, values: $0) }
        }
        data.providers = try await table(.providers).map {
            Provider(id: $0.text("id"), name: $0.text("name"), website: $0["website"], description: $0["description"], isDemo: $0.flag("is_demo"))
        }
        data.tools = try await table(.tools).map {
            Tool(id: $0.text("id"), name: $0.text("name"), providerID: $0["provider_id"], kind: $0.text("kind"),
                 technology: $0.text("technology"), description: $0["description"], isDemo: $0.flag("is_demo"))
        }
        var members: [String: [String]] = [:]
        for row in try await table(.networkMembers) { members[row.text("network_id"), default: []].append(row.text("authority_code")) }
        data.networks = try await table(.networks).map {
            Network(id: $0.text("id"), slug: $0.text("slug"), name: $0.text("name"), kind: $0.text("kind"),
                    description: $0["description"], members: members[$0.text("id")] ?? [])
        }
        data.pilots = try await store.pilots.all(viewer: viewer)
        data.phaseChanges = try await store.pilots.allPhaseChanges(viewer: viewer)
        data.resourcing = try await table(.resourcingLines).map {
            Resourcing(pilotID: $0.text("pilot_id"), authority: $0.text("authority_code"), stage: $0.text("stage"),
                       fte: $0["fte"].flatMap { Decimal(string: $0) }, amount: $0["amount_gbp"].flatMap { Decimal(string: $0) })
        }
        data.assessments = try await table(.assessments).map {
            Assessment(pilotID: $0.text("pilot_id"), kind: $0.text("kind"), status: $0.text("status"),
                       safeguards: $0.list("safeguards"), principles: $0.list("principles"))
        }
        data.evaluations = try await table(.evaluations).map {
            Evaluation(pilotID: $0.text("pilot_id"), authority: $0.text("authority_code"), evaluator: $0.text("evaluator"),
                       status: $0.text("status"), outcome: $0["outcome"], findings: $0["findings"])
        }
        data.insights = try await table(.insights).map { Insight(pilotID: $0.text("pilot_id"), kind: $0.text("kind"), text: $0.text("text")) }
        data.singleViews = try await table(.singleViews).map {
            SingleView(authority: $0.text("authority_code"), name: $0["name"], status: $0.text("status"),
                       sources: $0.list("data_sources"), link: $0["data_model_url"])
        }
        // Figures as they stood on the day the site was built, so a build for a given moment is
        // repeatable; national rows only, as the pages show no other level.
        let filter = StatisticsStore.Filter(asOf: CalendarDate.today(now), levels: [.national])
        for dataset in datasets {
            data.statistics[dataset] = try await store.statistics.table(dataset, filter: filter, viewer: viewer)
        }
        return data
    }

    /// One exported row, read by column name.
    struct Row {
        let index: [String: Int]
        let values: [ExportStore.Value]

        subscript(_ column: String) -> String? {
            switch values[index[column]!] {
            case .text(let text), .number(let text): text
            case .boolean(let flag): flag ? "true" : "false"
            case .list(let items): items.joined(separator: ";")
            case .null: nil
            }
        }
        func text(_ column: String) -> String { self[column] ?? "" }
        func flag(_ column: String) -> Bool { values[index[column]!] == .boolean(true) }
        func list(_ column: String) -> [String] {
            if case .list(let items) = values[index[column]!] { return items }
            return []
        }
    }

    // MARK: - Lookups

    func provider(_ id: String?) -> Provider? { id.flatMap { id in providers.first { $0.id == id } } }
}
