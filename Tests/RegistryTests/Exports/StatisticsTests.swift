import Foundation
import Testing

@testable import Registry

/// Statistics against answers worked out by hand from a small fixed data set.
///
/// North East authorities, three tools:
///
/// | # | authority (region)       | tool kind          | sharing | phases                                                   |
/// |---|--------------------------|--------------------|---------|----------------------------------------------------------|
/// | 1 | Hartlepool (NE)          | transcription      | public  | pilot 2024-01-15, implemented 2024-07-15 (182 days)      |
/// | 2 | Middlesbrough (NE)       | transcription      | public  | pilot 2024-03-01, implemented 2024-05-31 (91 days)       |
/// | 3 | Redcar and Cleveland (NE)| transcription      | sector  | pilot 2024-06-01, discontinued 2025-01-31, cost+accuracy |
/// | 4 | Stockton-on-Tees (NE)    | case_summarisation | public  | pilot 2025-02-01                                         |
/// | 5 | Leeds (Yorkshire)        | transcription      | network | planned 2025-01-10                                       |
///
/// Pilot 1 has a completed DPIA and a completed evaluation; pilots 1 and 2 have implementation
/// resourcing (1.5 FTE £25,000.50 and 0.5 FTE £10,000.00); Hartlepool has a public live single view.
@Suite struct StatisticsTests {
    static let northEast = "E12000001"

    struct Data {
        let pilots: [String]
    }

    static func load(_ registry: TestRegistry) async throws -> Data {
        let provider = try await registry.create("/api/v1/providers", Fixtures.provider)
        let transcription = try await registry.create("/api/v1/tools", Fixtures.tool(providerID: provider))
        let summaries = try await registry.create(
            "/api/v1/tools", #"{"provider_id": "\#(provider)", "name": "Summaries", "kind": "case_summarisation", "technology": "generative_ai"}"#)
        func pilot(_ authority: String, _ tool: String, _ sharing: String, _ phase: String, _ on: String) async throws -> String {
            try await registry.create("/api/v1/pilots", #"""
                {"title": "Pilot at \#(authority)", "tool_id": "\#(tool)", "lead_authority": "\#(authority)",
                 "origin": "procured", "sharing_level": "\#(sharing)",
                 "initial_phase": {"phase": "\#(phase)", "effective_on": "\#(on)"}}
                """#)
        }
        func change(_ pilot: String, _ body: String) async throws {
            let reply = try await registry.post("/api/v1/pilots/\(pilot)/phases", body)
            #expect(reply.status == 201, "\(reply.body)")
        }
        let p1 = try await pilot("E06000001", transcription, "public", "pilot", "2024-01-15")
        try await change(p1, #"{"phase": "implemented", "effective_on": "2024-07-15"}"#)
        let p2 = try await pilot("E06000002", transcription, "public", "pilot", "2024-03-01")
        try await change(p2, #"{"phase": "implemented", "effective_on": "2024-05-31"}"#)
        let p3 = try await pilot("E06000003", transcription, "sector", "pilot", "2024-06-01")
        try await change(p3, #"{"phase": "discontinued", "effective_on": "2025-01-31", "reasons": ["cost", "accuracy"]}"#)
        let p4 = try await pilot("E06000004", summaries, "public", "pilot", "2025-02-01")
        let p5 = try await pilot("E08000035", transcription, "network", "planned", "2025-01-10")

        _ = try await registry.create("/api/v1/pilots/\(p1)/assessments", Fixtures.assessment)
        _ = try await registry.create("/api/v1/pilots/\(p1)/evaluations", Fixtures.evaluation)
        _ = try await registry.create("/api/v1/pilots/\(p1)/resourcing", Fixtures.resourcing)
        _ = try await registry.create(
            "/api/v1/pilots/\(p2)/resourcing", #"{"stage": "implement", "fte": 0.5, "amount_gbp": "10000.00", "period_start": "2024-03-01"}"#)
        _ = try await registry.create("/api/v1/single-views", Fixtures.singleView)
        return Data(pilots: [p1, p2, p3, p4, p5])
    }

    /// The row of a table at a place with the given filter values, as name → value.
    static func row(
        _ reply: Reply, _ dataset: String, level: String = "National", region: String? = nil, authority: String? = nil,
        _ filters: [String: String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: String]? {
        let tables = try #require(try reply.json["tables"] as? [[String: Any]], "\(reply.body)", sourceLocation: sourceLocation)
        let table = try #require(tables.first { $0["dataset"] as? String == dataset }, sourceLocation: sourceLocation)
        let rows = (table["rows"] as? [[String: Any]]) ?? []
        let match = rows.first { row in
            row["geographic_level"] as? String == level && row["region_code"] as? String == region
                && row["new_la_code"] as? String == authority && (row["filters"] as? [String: String]) == filters
        }
        return match?["values"] as? [String: String]
    }

    @Test func adoptionCountsWhatEachCallerMaySeeAndSuppressesSmallNumbers() async throws {
        try await TestRegistry.run { registry in
            _ = try await Self.load(registry)
            let all = ["tool_kind": "Total", "phase": "Total"]

            // Administrators see all five pilots at five authorities.
            let admin = try await registry.get("/api/v1/stats/adoption")
            #expect(admin.status == 200, "\(admin.body)")
            #expect(try Self.row(admin, "adoption", all) == ["pilots": "5", "authorities": "5"])
            // Pilots 1 and 2: two authorities, but both public, so shown.
            #expect(try Self.row(admin, "adoption", ["tool_kind": "transcription", "phase": "implemented"])
                == ["pilots": "2", "authorities": "2"])
            // Pilot 3 alone, shared with the sector only: withheld.
            #expect(try Self.row(admin, "adoption", ["tool_kind": "transcription", "phase": "discontinued"])
                == ["pilots": "c", "authorities": "c"])
            // Pilot 4, alone but public: shown.
            #expect(try Self.row(admin, "adoption", ["tool_kind": "case_summarisation", "phase": "Total"])
                == ["pilots": "1", "authorities": "1"])
            // Regions: Yorkshire's one pilot (network) is withheld, and so is its only sibling, the
            // North East (four pilots at four authorities): otherwise 5 - 4 would give it away.
            #expect(try Self.row(admin, "adoption", level: "Regional", region: "E12000003", all) == ["pilots": "c", "authorities": "c"])
            #expect(try Self.row(admin, "adoption", level: "Regional", region: Self.northEast, all) == ["pilots": "c", "authorities": "c"])
            // Local authorities, on request: Redcar's sector-shared pilot is withheld, and with it the
            // first of its equally small siblings, Hartlepool; Middlesbrough's own public pilot is shown.
            let authorities = try await registry.get("/api/v1/stats/adoption?geographic_level=local_authority")
            #expect(try Self.row(authorities, "adoption", level: "Local authority", region: Self.northEast, authority: "E06000003", all)
                == ["pilots": "c", "authorities": "c"])
            #expect(try Self.row(authorities, "adoption", level: "Local authority", region: Self.northEast, authority: "E06000001", all)
                == ["pilots": "c", "authorities": "c"])
            #expect(try Self.row(authorities, "adoption", level: "Local authority", region: Self.northEast, authority: "E06000002", all)
                == ["pilots": "1", "authorities": "1"])
            #expect(try Self.row(admin, "adoption", level: "Local authority", region: Self.northEast, authority: "E06000002", all) == nil)

            // Anonymous callers see only the public pilots 1, 2 and 4.
            let anonymous = try await registry.get("/api/v1/stats/adoption", as: .anonymous)
            #expect(try Self.row(anonymous, "adoption", all) == ["pilots": "3", "authorities": "3"])
            #expect(try Self.row(anonymous, "adoption", ["tool_kind": "transcription", "phase": "discontinued"]) == nil)
            let anonymousAuthorities = try await registry.get("/api/v1/stats/adoption?geographic_level=local_authority", as: .anonymous)
            #expect(!anonymousAuthorities.body.contains("E06000003") && !anonymousAuthorities.body.contains("E08000035"))

            // DfE's analysts see the public and sector pilots 1-4, not Leeds's network-shared one.
            let analyst = try await registry.token(.nationalAnalyst)
            let dfe = try await registry.get("/api/v1/stats/adoption", as: .token(analyst))
            #expect(try Self.row(dfe, "adoption", all) == ["pilots": "4", "authorities": "4"])
            #expect(try Self.row(dfe, "adoption", level: "Regional", region: "E12000003", all) == nil)

            // By provider: every pilot uses the one provider's tools.
            #expect(try Self.row(admin, "adoption_by_provider", ["provider": "Test Voice Ltd"]) == ["pilots": "5", "authorities": "5"])
        }
    }

    @Test func asOfDateReadsPhasesFromTheHistory() async throws {
        try await TestRegistry.run { registry in
            _ = try await Self.load(registry)
            // On 30 June 2024: pilot 1 in pilot, pilot 2 implemented, pilot 3 in pilot; 4 and 5 not yet begun.
            let reply = try await registry.get("/api/v1/stats/adoption?as_of=2024-06-30")
            #expect(try reply.json["as_of"] as? String == "2024-06-30")
            #expect(try Self.row(reply, "adoption", ["tool_kind": "Total", "phase": "Total"]) == ["pilots": "3", "authorities": "3"])
            #expect(try Self.row(reply, "adoption", ["tool_kind": "transcription", "phase": "Total"]) == ["pilots": "3", "authorities": "3"])
            // In pilot: pilots 1 and 3, two authorities and pilot 3 is not public, so withheld; and
            // implemented (pilot 2, public) with it, as the two add up to the Total.
            #expect(try Self.row(reply, "adoption", ["tool_kind": "transcription", "phase": "pilot"]) == ["pilots": "c", "authorities": "c"])
            #expect(try Self.row(reply, "adoption", ["tool_kind": "transcription", "phase": "implemented"]) == ["pilots": "c", "authorities": "c"])
            #expect(try Self.row(reply, "adoption", ["tool_kind": "case_summarisation", "phase": "Total"]) == nil)

            // The time series gives the same figures at the end of Q2 2024.
            let series = try await registry.get("/api/v1/stats/adoption-time-series")
            let tables = try #require(try series.json["tables"] as? [[String: Any]])
            let rows = try #require(tables.first?["rows"] as? [[String: Any]])
            let q2 = rows.first {
                $0["time_period"] as? String == "2024" && $0["time_identifier"] as? String == "Calendar year Q2"
                    && $0["geographic_level"] as? String == "National"
                    && ($0["filters"] as? [String: String]) == ["tool_kind": "Total", "phase": "Total"]
            }
            #expect(q2?["values"] as? [String: String] == ["pilots": "3", "authorities": "3"])
            let firstQuarter = rows.first { $0["time_period"] as? String == "2023" }
            #expect(firstQuarter == nil)  // nothing had begun in 2023

            let bad = try await registry.get("/api/v1/stats/adoption?as_of=2024-02-30")
            #expect(bad.status == 400)
            #expect(try bad.problemFields == ["as_of"])
            let future = try await registry.get("/api/v1/stats/governance?as_of=2999-01-01")
            #expect(try future.problemFields == ["as_of"])
        }
    }

    @Test func outcomesResourcingGovernanceEvidenceAndSingleViews() async throws {
        try await TestRegistry.run { registry in
            _ = try await Self.load(registry)
            // Transcription: pilots 1-3 piloted, 1 and 2 converted (66.7%); days in pilot 182, 91, 244
            // give a median of 182; pilot 3 stopped. Four authorities (pilot 5 included), so shown.
            let outcomes = try await registry.get("/api/v1/stats/outcomes")
            #expect(try Self.row(outcomes, "pilot_outcomes", ["tool_kind": "transcription"]) == [
                "pilots_piloted": "3", "pilots_converted": "2", "conversion_percent": "66.7",
                "median_days_in_pilot": "182.0", "pilots_in_pilot": "0", "pilots_stopped": "1",
            ])
            #expect(try Self.row(outcomes, "discontinuation_reasons", ["tool_kind": "Total", "reason": "cost"])
                == ["pilots": "c", "authorities": "c"])

            // Implementation: pilots 1 and 2, both public: 2.00 FTE, median 1.00; £35,000.50, median £17,500.25.
            let resourcing = try await registry.get("/api/v1/stats/resourcing")
            #expect(try Self.row(resourcing, "resourcing", ["stage": "implement", "tool_kind": "Total", "origin": "Total"]) == [
                "pilots": "2", "authorities": "2", "total_fte": "2.00", "median_fte": "1.00",
                "total_cost_gbp": "35000.50", "median_cost_gbp": "17500.25",
            ])

            // Live pilots 1, 2 and 4 at three authorities; only pilot 1 has a DPIA.
            #expect(try Self.row(outcomes, "pilot_outcomes", ["tool_kind": "case_summarisation"]) == [
                "pilots_piloted": "1", "pilots_converted": "0", "conversion_percent": "0.0",
                "median_days_in_pilot": "z", "pilots_in_pilot": "1", "pilots_stopped": "0",
            ])
            let governance = try await registry.get("/api/v1/stats/governance")
            #expect(try Self.row(governance, "governance", ["tool_kind": "Total", "practice_group": "assessment", "practice": "dpia"])
                == ["live_pilots": "3", "pilots_with_practice": "1", "percent_with_practice": "33.3"])
            #expect(try Self.row(governance, "governance", ["tool_kind": "Total", "practice_group": "safeguard", "practice": "bias_testing"])
                == ["live_pilots": "3", "pilots_with_practice": "0", "percent_with_practice": "0.0"])
            // Implemented pilots 1 and 2; only pilot 1 is evaluated.
            #expect(try Self.row(governance, "unevaluated_rollouts", ["tool_kind": "Total"])
                == ["implemented_pilots": "2", "without_evaluation": "1", "percent_without_evaluation": "50.0"])

            let evidence = try await registry.get("/api/v1/stats/evidence")
            #expect(try Self.row(evidence, "evaluations", ["evaluator": "external", "status": "completed", "outcome": "positive"])
                == ["evaluations": "1", "pilots": "1"])
            #expect(try Self.row(evidence, "evaluation_measures", ["measure": "admin hours per week (hours)"]) == [
                "evaluations": "1", "median_baseline": "10.00", "median_value": "6.50", "median_change": "-3.50",
            ])

            let views = try await registry.get("/api/v1/stats/single-views")
            #expect(try Self.row(views, "single_view_status", ["status": "live"]) == ["authorities": "1"])
            #expect(try Self.row(views, "single_view_data_sources", ["data_source": "education"])
                == ["authorities": "1", "percent_of_single_views": "100.0"])
        }
    }

    @Test func filtersNarrowTheRecordsCounted() async throws {
        try await TestRegistry.run { registry in
            _ = try await Self.load(registry)
            let all = ["tool_kind": "Total", "phase": "Total"]
            let region = try await registry.get("/api/v1/stats/adoption?region=\(Self.northEast)")
            #expect(try Self.row(region, "adoption", all) == ["pilots": "4", "authorities": "4"])
            let kind = try await registry.get("/api/v1/stats/adoption?kind=case_summarisation")
            #expect(try Self.row(kind, "adoption", all) == ["pilots": "1", "authorities": "1"])
            let technology = try await registry.get("/api/v1/stats/adoption?technology=speech_to_text")
            #expect(try Self.row(technology, "adoption", all) == ["pilots": "4", "authorities": "4"])
            let network = try await registry.get("/api/v1/stats/adoption?network=yorkshire-and-the-humber")
            #expect(try Self.row(network, "adoption", all) == ["pilots": "c", "authorities": "c"])
            let national = try await registry.get("/api/v1/stats/adoption?geographic_level=national")
            let levels = try #require(try national.json["tables"] as? [[String: Any]]).flatMap { ($0["rows"] as? [[String: Any]]) ?? [] }
                .compactMap { $0["geographic_level"] as? String }
            #expect(!levels.isEmpty && Set(levels) == ["National"])
            let standard = try await registry.get("/api/v1/stats/adoption")
            let standardLevels = try #require(try standard.json["tables"] as? [[String: Any]]).flatMap { ($0["rows"] as? [[String: Any]]) ?? [] }
                .compactMap { $0["geographic_level"] as? String }
            #expect(Set(standardLevels) == ["National", "Regional"])
            let unknown = try await registry.get("/api/v1/stats/adoption?region=E12999999")
            #expect(try unknown.problemFields == ["region"])
            #expect(try await registry.get("/api/v1/stats/nonsense").status == 400)
        }
    }

    @Test func eesFilesFollowTheConventions() async throws {
        try await TestRegistry.run { registry in
            _ = try await Self.load(registry)
            let authorities = try await registry.referenceAuthorities()
            for dataset in StatisticsTests.datasets {
                let reply = try await registry.get("/api/v1/stats/ees/\(dataset)")
                #expect(reply.status == 200, "\(dataset): \(reply.body)")
                #expect(reply.contentType?.hasPrefix("text/csv") == true)
                #expect(reply.headers[.contentDisposition] == "attachment; filename=\"\(dataset).csv\"")
                let meta = try await registry.get("/api/v1/stats/ees/\(dataset)/meta")
                let check = try EESConventions.check(data: reply.body, meta: meta.body, authorities: authorities)
                #expect(check.problems.isEmpty, "\(dataset): \(check.problems.prefix(5))")
                #expect(check.rows > 0, "\(dataset) has no rows")
                let levels = Set(EESConventions.parse(reply.body).dropFirst().map { $0[2] })
                #expect(levels == ["National", "Regional", "Local authority"], "\(dataset): \(levels)")
            }
        }
    }

    /// Only the levels asked for are computed, so each level must come out exactly as it does
    /// among all three, small-number rule included: checked on the demo data, whose tables
    /// withhold figures at every level.
    @Test func eachLevelComputedAloneMatchesItsRowsAmongAllLevels() async throws {
        try await TestRegistry.run { registry in
            var loader = DemoDataLoader(store: RegistryStore(client: registry.database, logger: TestDatabases.shared.logger))
            _ = try await loader.load()
            let levels = ["national": "National", "regional": "Regional", "local_authority": "Local authority"]
            var withheldLevels: Set<String> = []
            for identity in [TestRegistry.Identity.anonymous, .admin] {
                for dataset in Self.datasets {
                    let all = EESConventions.parse(try await registry.get("/api/v1/stats/ees/\(dataset)", as: identity).body)
                    withheldLevels.formUnion(all.dropFirst().filter { $0.contains("c") }.map { $0[2] })
                    for (parameter, level) in levels {
                        let alone = EESConventions.parse(
                            try await registry.get("/api/v1/stats/ees/\(dataset)?geographic_level=\(parameter)", as: identity).body)
                        #expect(alone.first == all.first)
                        let expected = all.dropFirst().filter { $0[2] == level }
                        let difference = Array(alone.dropFirst()).difference(from: expected)
                        #expect(difference.isEmpty, "\(dataset) at \(level): \(difference.count) differences, first \(difference.prefix(2))")
                    }
                }
            }
            #expect(withheldLevels == Set(levels.values), "figures withheld at \(withheldLevels)")
        }
    }

    static let datasets = [
        "adoption", "adoption_by_provider", "adoption_time_series", "pilot_outcomes", "discontinuation_reasons",
        "resourcing", "governance", "unevaluated_rollouts", "evaluations", "evaluation_measures",
        "single_view_status", "single_view_data_sources",
    ]
}
