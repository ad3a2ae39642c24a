import Foundation
import Testing

@testable import Registry

@Suite struct DemoDataLoaderTests {
    @Test func demoDataCoversTheSectorAndIsMarkedAndLoadedOnce() async throws {
        try await TestRegistry.run { registry in
            let store = RegistryStore(client: registry.database, logger: TestDatabases.shared.logger)
            var loader = DemoDataLoader(store: store)
            let summary = try await loader.load()
            #expect(!summary.alreadyLoaded)
            #expect(summary.pilots > 150)

            // Every record it made is marked as demo.
            for table in ["providers", "tools", "pilots", "phase_changes", "resourcing_lines", "assessments", "evaluations", "insights", "single_views", "contacts"] {
                #expect(try await registry.count(table) > 0, "\(table) has rows")
                #expect(try await registry.count(table, where: "NOT is_demo") == 0, "\(table) rows are all demo")
            }
            #expect(try await registry.count("networks", where: "is_demo") == summary.networks)

            // Tools of every kind, pilots in every region, histories over 2023-2026, stops with reasons.
            let kinds = try await registry.count("(SELECT DISTINCT kind FROM tools) k")
            #expect(kinds == 19)
            let regions = try await registry.count("(SELECT DISTINCT a.region_code FROM pilots p JOIN authorities a ON a.code = p.lead_authority) r")
            #expect(regions == 9)
            #expect(try await registry.count("(SELECT DISTINCT lead_authority FROM pilots) a") > 100)
            #expect(try await registry.count("phase_changes", where: "effective_on < '2024-01-01'") > 0)
            #expect(try await registry.count("phase_changes", where: "effective_on >= '2026-01-01'") > 0)
            #expect(try await registry.count("phase_changes", where: "phase = 'discontinued' AND cardinality(reasons) > 0") > 0)
            #expect(try await registry.count("phase_changes", where: "phase = 'discontinued' AND cardinality(reasons) = 0") == 0)
            #expect(try await registry.count("pilots", where: "EXISTS (SELECT 1 FROM pilot_participants pp WHERE pp.pilot_id = id)") >= 9)
            #expect(try await registry.count("evaluations", where: "findings IS NOT NULL") > 0)

            // A second load changes nothing.
            let before = try await registry.snapshot()
            var again = DemoDataLoader(store: store)
            #expect(try await again.load().alreadyLoaded)
            #expect(try await registry.snapshot() == before)

            // And the API serves it.
            let page = try await registry.get("/api/v1/pilots?limit=5")
            #expect(try page.items.count == 5)
            #expect(try page.items.allSatisfy { $0["is_demo"] as? Bool == true })
        }
    }

    /// Demonstration data is named where it is: the banner says "demonstration data" only when
    /// the site shows nothing else, and beside real records each demo one is marked and counted.
    /// `csc-registry demo --remove` then takes it out, real records and what they need kept.
    @Test func demoDataIsNamedWhereItIsAndRemovedLeavingRealRecords() async throws {
        try await TestRegistry.run { registry in
            let store = RegistryStore(client: registry.database, logger: TestDatabases.shared.logger)
            var loader = DemoDataLoader(store: store)
            let summary = try await loader.load()
            let builder = try await DashboardTests.builder(registry)
            func index() async throws -> String {
                String(decoding: try #require(try await builder.build(.publicAudience)["index.html"]), as: UTF8.self)
            }
            let onlyDemo = try await index()
            #expect(onlyDemo.contains("<strong>Demonstration data.</strong>"))
            #expect(!onlyDemo.contains("(demonstration)"))

            // A real pilot beside them, and a real resourcing line on one demo pilot.
            let (real, _, _) = try await registry.makePilot(sharing: "public")
            let demoPilot = try await registry.database.query("SELECT id FROM pilots WHERE is_demo ORDER BY seq LIMIT 1")
                .first { try $0.get("id", as: UUID.self) }!
            _ = try await registry.create("/api/v1/pilots/\(demoPilot.lowercased)/resourcing", Fixtures.resourcing)
            let publicPilots = try await registry.count("pilots", where: "sharing_level = 'public'")
            let publicDemo = try await registry.count("pilots", where: "sharing_level = 'public' AND is_demo")
            let mixed = try await index()
            #expect(mixed.contains("<strong>Includes demonstration data.</strong> \(publicDemo) of the \(publicPilots) pilots"))
            let site = try await builder.build(.publicAudience)
            let tool = String(decoding: try #require(site.first { $0.key.hasPrefix("tools/") && String(decoding: $0.value, as: UTF8.self).contains("Visit notes pilot") }?.value), as: UTF8.self)
            #expect(tool.contains("Visit notes pilot") && !tool.contains("Visit notes pilot (demonstration)"))
            #expect(site.values.contains { String(decoding: $0, as: UTF8.self).contains("pilot (demonstration)") })

            let said = try await RegistryOperations.removeDemo(database: registry.url, logger: TestDatabases.shared.logger)
            #expect(said.hasPrefix("Removed the demonstration data: "), "\(said)")
            #expect(said.contains("Kept, because real records depend on them: 1 pilots"), "\(said)")
            #expect(try await registry.count("pilots", where: "is_demo") == 1)
            #expect(try await registry.count("pilots", where: "NOT is_demo") == 1)
            #expect(try await registry.count("pilots") == 2)
            #expect(try await registry.get("/api/v1/pilots/\(real)").status == 200)
            #expect(try await registry.count("resourcing_lines", where: "NOT is_demo") == 1)
            #expect(try await registry.count("single_views", where: "is_demo") == 0)
            #expect(try await registry.count("contacts", where: "is_demo") == 0)
            #expect(try await registry.count("networks", where: "is_demo") == 0)
            #expect(try await registry.count("tools", where: "is_demo") == 1)  // the kept pilot's
            #expect(summary.pilots > 150)
            let entry = try #require(try await registry.get("/api/v1/admin/audit?resource_type=demonstration_data").items.first)
            #expect(entry["action"] as? String == "remove_demo")
            #expect((entry["after"] as? [String: Any])?["pilots"] as? String == String(summary.pilots - 1))
            #expect(try await RegistryOperations.removeDemo(database: registry.url, logger: TestDatabases.shared.logger)
                .contains("Kept, because real records depend on them: 1 pilots"))
        }
    }
}
