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
            // Local authorities, on request: Redcar's sector-shared pilot is withheld. Its siblings
            // rest on public pilots only, so none goes second: their region's Total, already
            // withheld, keeps Redcar's figure from being worked out.
            let authorities = try await registry.get("/api/v1/stats/adoption?geographic_level=local_authority")
            #expect(try Self.row(authorities, "adoption", level: "Local authority", region: Self.northEast, authority: "E06000003", all)
                == ["pilots": "c", "authorities": "c"])
            #expect(try Self.row(authorities, "adoption", level: "Local authority", region: Self.northEast, authority: "E06000001", all)
                == ["pilots": "1", "authorities": "1"])
            #expect(try Self.row(authorities, "adoption", level: "Local authority", region: Self.northEast, authority: "E06000002", all)
                == ["pilots": "1", "authorities": "1"])
            #expect(try Self.row(admin, "adoption", level: "Local authority", region: Self.northEast, authority: "E06000002", all) == nil)

            // Anonymous callers see only the public pilots 1, 2 and 4.
            let anonymous = try await registry.get("/api/v1/stats/adoption", as: .anonymous)
            #expect(try Self.row(anonymous, "adoption", all) == ["pilots": "3", "authorities": "3"])
            #expect(try Self.row(anonymous, "adoption", ["tool_kind": "transcription", "phase": "discontinued"]) == nil)
            let anonymousAuthorities = try await registry.get("/api/v1/stats/adoption?geographic_level=local_authority", as: .anonymous)
            // Every authority has a row; Redcar's and Leeds's count nothing the public may read.
            for hidden in ["E06000003", "E08000035"] {
                let region = hidden == "E06000003" ? Self.northEast : "E12000003"
                #expect(try Self.row(anonymousAuthorities, "adoption", level: "Local authority", region: region, authority: hidden, all)
                    == ["pilots": "0", "authorities": "0"])
            }
            #expect(!anonymousAuthorities.body.contains("discontinued"))

            // DfE's analysts see the public and sector pilots 1-4, not Leeds's network-shared one.
            // Redcar's figure is withheld; its siblings rest on public pilots, so the North East's
            // Total goes second, and as the only region the analyst sees, England's with it. The
            // public pilots' own figures stay, as the anonymous reader has them.
            let analyst = try await registry.token(.nationalAnalyst)
            let dfe = try await registry.get("/api/v1/stats/adoption?geographic_level=local_authority", as: .token(analyst))
            #expect(try Self.row(dfe, "adoption", level: "Local authority", region: Self.northEast, authority: "E06000001", all)
                == ["pilots": "1", "authorities": "1"])
            let dfeNational = try await registry.get("/api/v1/stats/adoption", as: .token(analyst))
            #expect(try Self.row(dfeNational, "adoption", all) == ["pilots": "c", "authorities": "c"])
            #expect(try Self.row(dfeNational, "adoption", level: "Regional", region: "E12000003", all) == nil)
            let unsuppressed = try await registry.get("/api/v1/stats/adoption?suppression=none", as: .token(analyst))
            #expect(try Self.row(unsuppressed, "adoption", all) == ["pilots": "4", "authorities": "4"])

            // By provider: every pilot uses the one provider's tools.
            #expect(try Self.row(admin, "adoption_by_provider", ["provider": "Test Voice Ltd"]) == ["pilots": "5", "authorities": "5"])
        }
    }

    @Test func asOfDateReadsPhasesFromTheHistory() async throws {
        try await TestRegistry.run { registry in
            _ = try await Self.load(registry)
            // On 30 June 2024: pilot 1 in pilot, pilot 2 implemented, pilot 3 in pilot; 4 and 5 not yet begun.
            let reply = try await registry.get("/api/v1/stats/adoption?as_of=2024-06-30&suppression=none")
            #expect(try reply.json["as_of"] as? String == "2024-06-30")
            #expect(try Self.row(reply, "adoption", ["tool_kind": "Total", "phase": "Total"]) == ["pilots": "3", "authorities": "3"])
            #expect(try Self.row(reply, "adoption", ["tool_kind": "transcription", "phase": "Total"]) == ["pilots": "3", "authorities": "3"])
            #expect(try Self.row(reply, "adoption", ["tool_kind": "transcription", "phase": "pilot"]) == ["pilots": "2", "authorities": "2"])
            #expect(try Self.row(reply, "adoption", ["tool_kind": "case_summarisation", "phase": "Total"]) == nil)
            // Published: in pilot, pilots 1 and 3, two authorities and pilot 3 not public, so withheld.
            // Implemented (pilot 2, public) stays; the Total goes second instead.
            let published = try await registry.get("/api/v1/stats/adoption?as_of=2024-06-30")
            #expect(try Self.row(published, "adoption", ["tool_kind": "transcription", "phase": "pilot"]) == ["pilots": "c", "authorities": "c"])
            #expect(try Self.row(published, "adoption", ["tool_kind": "transcription", "phase": "implemented"]) == ["pilots": "1", "authorities": "1"])
            #expect(try Self.row(published, "adoption", ["tool_kind": "transcription", "phase": "Total"]) == ["pilots": "c", "authorities": "c"])

            // The time series gives the same figures at the end of Q2 2024.
            let series = try await registry.get("/api/v1/stats/adoption-time-series?suppression=none")
            let tables = try #require(try series.json["tables"] as? [[String: Any]])
            let rows = try #require(tables.first?["rows"] as? [[String: Any]])
            let q2 = rows.first {
                $0["time_period"] as? String == "2024" && $0["time_identifier"] as? String == "Calendar year Q2"
                    && $0["geographic_level"] as? String == "National"
                    && ($0["filters"] as? [String: String]) == ["tool_kind": "Total", "phase": "Total", "version": "Final"]
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
            let data = try await Self.load(registry)
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
            // Implemented pilots 1 and 2; only pilot 1 is evaluated, independently.
            #expect(try Self.row(governance, "unevaluated_rollouts", ["tool_kind": "Total"])
                == ["implemented_pilots": "2", "without_evaluation": "1", "percent_without_evaluation": "50.0",
                    "provider_evaluation_only": "0", "percent_provider_evaluation_only": "0.0"])
            // Pilot 2's supplier evaluates its own tool: evaluated, but only by the provider. A
            // planned internal evaluation beside it counts for nothing yet.
            _ = try await registry.create(
                "/api/v1/pilots/\(data.pilots[1])/evaluations",
                #"{"evaluator": "provider", "status": "completed", "findings": "Our tool saves an hour a day."}"#)
            _ = try await registry.create("/api/v1/pilots/\(data.pilots[1])/evaluations", #"{"evaluator": "internal", "status": "planned"}"#)
            let strength = try await registry.get("/api/v1/stats/governance")
            #expect(try Self.row(strength, "unevaluated_rollouts", ["tool_kind": "Total"])
                == ["implemented_pilots": "2", "without_evaluation": "0", "percent_without_evaluation": "0.0",
                    "provider_evaluation_only": "1", "percent_provider_evaluation_only": "50.0"])
            let site = try await DashboardTests.builder(registry).build(.publicAudience)
            let overview = String(decoding: try #require(site["index.html"]), as: UTF8.self)
            #expect(overview.contains("<dt>Implemented with only the provider&#39;s evaluation</dt><dd>1</dd>"))
            let tool = try #require(site.first { $0.key.hasPrefix("tools/") && String(decoding: $0.value, as: UTF8.self).contains("Our tool saves") })
            let page = String(decoding: tool.value, as: UTF8.self)
            #expect(page.contains("The provider&#39;s own evaluation, completed: Our tool saves an hour a day."))
            #expect(page.contains("An independent (external) evaluation, completed: Saved time"))

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
            let region = try await registry.get("/api/v1/stats/adoption?region=\(Self.northEast)&suppression=none")
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

    /// A figure an anonymous reader sees in full is never withheld from a signed-in reader whose
    /// figure rests on the same records (the same counts unsuppressed, from a superset of
    /// records): checked cell by cell on the demo data for DfE's analysts and administrators.
    @Test func aSignedInReaderNeverSeesLessThanAnAnonymousOne() async throws {
        try await TestRegistry.run { registry in
            var loader = DemoDataLoader(store: RegistryStore(client: registry.database, logger: TestDatabases.shared.logger))
            _ = try await loader.load()
            let readers: [TestRegistry.Identity] = [.token(try await registry.token(.nationalAnalyst)), .admin]
            var same = 0, withheldForOthers = 0
            for dataset in ["adoption", "adoption_by_provider", "discontinuation_reasons", "single_view_status", "single_view_data_sources"] {
                let indicators = StatisticsDataset(rawValue: dataset)!.indicators.count
                func key(_ row: [String]) -> String { row.dropLast(indicators).joined(separator: "|") }
                func figures(_ row: [String]) -> [String] { Array(row.suffix(indicators)) }
                let anonymous = EESConventions.parse(try await registry.get("/api/v1/stats/ees/\(dataset)", as: .anonymous).body)
                let shown = Dictionary(anonymous.dropFirst().map { (key($0), figures($0)) }) { a, _ in a }
                for reader in readers {
                    let published = EESConventions.parse(try await registry.get("/api/v1/stats/ees/\(dataset)", as: reader).body)
                    let whole = EESConventions.parse(try await registry.get("/api/v1/stats/ees/\(dataset)?suppression=none", as: reader).body)
                    let truth = Dictionary(whole.dropFirst().map { (key(Array($0.dropLast())), figures(Array($0.dropLast()))) }) { a, _ in a }
                    for row in published.dropFirst() {
                        guard let anyone = shown[key(row)], !anyone.contains("c") else { continue }
                        if truth[key(row)] == anyone {
                            same += 1
                            #expect(!figures(row).contains("c"), "\(dataset): \(key(row)) is \(anyone) for everyone, withheld when signed in")
                        } else if figures(row).contains("c") {
                            withheldForOthers += 1
                        }
                    }
                }
            }
            #expect(same > 1000 && withheldForOthers > 0, "\(same) alike, \(withheldForOthers) withheld on records the public cannot read")
        }
    }

    @Test func analystsMayReadUnsuppressedFiguresMarkedNotForPublicationAndAudited() async throws {
        try await TestRegistry.run { registry in
            _ = try await Self.load(registry)
            let analyst = TestRegistry.Identity.token(try await registry.token(.nationalAnalyst))
            let all = ["tool_kind": "Total", "phase": "Total"]
            let before = try await registry.count("audit_events", where: "action = 'read_unsuppressed'")
            for _ in 1...2 {
                let reply = try await registry.get("/api/v1/stats/adoption?suppression=none&geographic_level=local_authority", as: analyst)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(try reply.json["suppression"] as? String == "none")
                #expect(try reply.json["notice"] as? String == "Not for publication: small numbers not suppressed")
                #expect(try Self.row(reply, "adoption", level: "Local authority", region: Self.northEast, authority: "E06000003", all)
                    == ["pilots": "1", "authorities": "1"])
            }
            let csv = try await registry.get("/api/v1/stats/ees/adoption?suppression=none", as: analyst)
            let rows = EESConventions.parse(csv.body)
            #expect(rows[0].last == "publication_status")
            #expect(rows.dropFirst().allSatisfy { $0.last == "Not for publication: small numbers not suppressed" })
            #expect(!csv.body.contains(",c,"))
            let meta = try await registry.get("/api/v1/stats/ees/adoption/meta?suppression=none", as: analyst)
            #expect(meta.body.contains("publication_status,Filter,Not for publication: small numbers not suppressed"))
            #expect(try await registry.count("audit_events", where: "action = 'read_unsuppressed'") == before + 3)
            let audit = try await registry.get("/api/v1/admin/audit?resource_type=statistics")
            #expect(audit.status == 200, "\(audit.body)")
            let entry = try #require(try audit.items.first)
            #expect(entry["action"] as? String == "read_unsuppressed")
            #expect(entry["actor_role"] as? String == "national_analyst")
            #expect((entry["after"] as? [String: Any])?["topic"] as? String == "adoption")

            // The published default is unchanged, and nobody else may ask.
            let published = try await registry.get("/api/v1/stats/adoption?geographic_level=local_authority", as: analyst)
            #expect(try published.json["suppression"] as? String == "applied")
            let network = TestRegistry.Identity.token(try await registry.token(.networkMember, networks: ["north-east"]))
            let editor = TestRegistry.Identity.token(try await registry.token(.authorityEditor, authority: "E06000001"))
            for (identity, status) in [(network, 403), (editor, 403), (.anonymous, 401)] {
                let refused = try await registry.get("/api/v1/stats/ees/adoption?suppression=none", as: identity)
                #expect(refused.status == status, "\(refused.body)")
                #expect(try await registry.get("/api/v1/stats/adoption?suppression=none", as: identity).status == status)
            }
            #expect(try await registry.count("audit_events", where: "action = 'read_unsuppressed'") == before + 3)
        }
    }

    /// Local-authority files have a row for every authority: figures where it has records the
    /// reader may count, 0 where none, `x` where the authority has recorded nothing at all.
    @Test func everyAuthorityHasARowAndNoReturnIsSaid() async throws {
        try await TestRegistry.run { registry in
            _ = try await Self.load(registry)
            let authorities = try await registry.referenceAuthorities()
            for dataset in Self.datasets {
                let rows = EESConventions.parse(try await registry.get("/api/v1/stats/ees/\(dataset)?geographic_level=local_authority").body)
                let header = rows[0]
                let perPeriod = Dictionary(grouping: rows.dropFirst(), by: { "\($0[0]) \($0[1])" })
                for (period, periodRows) in perPeriod {
                    #expect(Set(periodRows.map { $0[8] }) == Set(authorities.keys), "\(dataset) \(period)")
                }
                func totals(_ code: String) -> [String: String]? {
                    rows.dropFirst().last { $0[8] == code && $0[10..<(header.count - StatisticsDataset(rawValue: dataset)!.indicators.count)].allSatisfy { $0 == "Total" || $0 == "Final" || $0 == "Provisional" } }
                        .map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
                }
                let darlington = try #require(totals("E06000005"), "\(dataset)")
                for indicator in StatisticsDataset(rawValue: dataset)!.indicators {
                    #expect(darlington[indicator.name] == "x", "\(dataset): Darlington made no return")
                }
            }
            let evaluations = EESConventions.parse(try await registry.get("/api/v1/stats/ees/evaluations?geographic_level=local_authority").body)
            let middlesbrough = try #require(evaluations.first { $0[8] == "E06000002" })
            #expect(Array(middlesbrough.suffix(2)) == ["0", "0"], "Middlesbrough returned but has no evaluation")
            let resourcing = EESConventions.parse(try await registry.get("/api/v1/stats/ees/resourcing?geographic_level=local_authority").body)
            let stockton = try #require(resourcing.first { $0[8] == "E06000004" })
            #expect(Array(stockton.suffix(6)) == ["0", "0", "0.00", "z", "0.00", "z"])
        }
    }

    /// The quarter in progress is provisional, in the rows and in the metadata.
    @Test func theQuarterInProgressIsMarkedProvisional() async throws {
        try await TestRegistry.run { registry in
            _ = try await Self.load(registry)
            let today = CalendarDate.today()
            let current = "Calendar year Q\((today.month - 1) / 3 + 1)"
            let rows = EESConventions.parse(try await registry.get("/api/v1/stats/ees/adoption_time_series").body)
            let version = try #require(rows[0].firstIndex(of: "version"))
            for row in rows.dropFirst() {
                let inProgress = row[0] == String(today.year) && row[1] == current
                #expect(row[version] == (inProgress ? "Provisional" : "Final"), "\(row[0]) \(row[1])")
            }
            #expect(rows.dropFirst().contains { $0[version] == "Provisional" })
            let meta = try await registry.get("/api/v1/stats/ees/adoption_time_series/meta").body
            #expect(meta.contains("version,Filter,Version,,\"Provisional for the quarter in progress"))
            // As of a day in the past, that day's quarter is the provisional one.
            let then = EESConventions.parse(try await registry.get("/api/v1/stats/ees/adoption_time_series?as_of=2024-05-10").body)
            #expect(Set(then.dropFirst().filter { $0[version] == "Provisional" }.map { "\($0[0]) \($0[1])" }) == ["2024 Calendar year Q2"])
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
