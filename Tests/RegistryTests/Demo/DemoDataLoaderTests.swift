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
}
