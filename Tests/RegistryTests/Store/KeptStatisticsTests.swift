import Foundation
import PostgresNIO
import Testing

@testable import Registry

/// The kept counts against the same tables counted from the records, over the demonstration
/// data and after changes of every kind the counts depend on.
@Suite struct KeptStatisticsTests {
    static let readers = [
        Caller.anonymous,
        Caller(userID: UUID(), name: "Analyst", role: .nationalAnalyst),
        Caller(userID: UUID(), name: "Administrator", role: .admin),
    ]

    /// Every kept table for each kept audience, before the small-number rule: the rule is a
    /// function of these rows alone, so equal rows are published alike.
    static func expectKeptMatchesCounted(_ store: RegistryStore, _ moment: String) async throws {
        var counted = store.statistics
        counted.keptCounts = false
        for dataset in KeptStatistics.datasets.sorted(by: { $0.rawValue < $1.rawValue }) {
            for reader in readers {
                #expect(KeptStatistics.audience(dataset, .init(), viewer: reader) != nil)
                let kept = try await store.statistics.table(dataset, filter: .init(), viewer: reader, suppression: .none)
                let recount = try await counted.table(dataset, filter: .init(), viewer: reader, suppression: .none)
                #expect(kept.rows.count == recount.rows.count, "\(moment): \(dataset) for \(reader.role)")
                if let (mine, theirs) = zip(kept.rows, recount.rows).first(where: { $0 != $1 }) {
                    Issue.record("\(moment): \(dataset) for \(reader.role): kept \(mine), counted \(theirs)")
                }
            }
        }
    }

    static func change(_ registry: TestRegistry, _ sql: String) async throws {
        try await registry.database.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabases.shared.logger)
    }

    @Test func keptCountsMatchARecountAfterEveryKindOfChange() async throws {
        try await TestRegistry.run { registry in
            let store = RegistryStore(client: registry.database, logger: TestDatabases.shared.logger)
            var loader = DemoDataLoader(store: store)
            _ = try await loader.load()
            try await Self.expectKeptMatchesCounted(store, "demo data loaded")

            // A phase change today, through the API as an editor would make it.
            let pilot = try await registry.database.query(
                "SELECT id::text AS id FROM pilots WHERE phase = 'pilot' AND deleted_at IS NULL ORDER BY seq LIMIT 1",
                logger: TestDatabases.shared.logger
            ).first { try $0.get("id", as: String.self) }
            let today = CalendarDate.today().description
            let reply = try await registry.post(
                "/api/v1/pilots/\(try #require(pilot))/phases", #"{"phase": "implemented", "effective_on": "\#(today)"}"#)
            #expect(reply.status == 201, "\(reply.body)")
            try await Self.expectKeptMatchesCounted(store, "a phase change")

            // Sharing, participants, a deletion, a tool's kind, a provider's name, a back-dated
            // history and an authority's region, each changed in the tables themselves.
            try await Self.change(registry, """
                UPDATE pilots SET sharing_level = CASE sharing_level WHEN 'public' THEN 'sector' WHEN 'sector' THEN 'private' ELSE 'public' END
                WHERE seq % 7 = 0
                """)
            try await Self.change(registry, """
                INSERT INTO pilot_participants (pilot_id, authority_code)
                SELECT p.id, a.code FROM pilots p CROSS JOIN LATERAL (
                    SELECT code FROM authorities WHERE code <> p.lead_authority ORDER BY md5(code || p.id::text) LIMIT 2) a
                WHERE p.seq % 11 = 0 ON CONFLICT DO NOTHING
                """)
            try await Self.change(registry, "UPDATE pilots SET deleted_at = now() WHERE seq % 13 = 0")
            try await Self.expectKeptMatchesCounted(store, "sharing, participants and deletions")
            try await Self.change(registry, "DELETE FROM pilot_participants WHERE pilot_id IN (SELECT id FROM pilots WHERE seq % 22 = 0)")
            try await Self.change(registry, """
                UPDATE tools SET kind = 'translation' WHERE id = (SELECT tool_id FROM pilots GROUP BY tool_id ORDER BY count(*) DESC LIMIT 1)
                """)
            try await Self.change(registry, """
                UPDATE tools SET provider_id = (SELECT max(id::text)::uuid FROM providers)
                WHERE id = (SELECT tool_id FROM pilots GROUP BY tool_id ORDER BY count(*) ASC LIMIT 1)
                """)
            try await Self.change(registry, "UPDATE providers SET name = name || ' (renamed)' WHERE id = (SELECT min(id::text)::uuid FROM providers)")
            try await Self.change(registry, """
                UPDATE phase_changes SET effective_on = effective_on - 200
                WHERE id IN (SELECT DISTINCT ON (pilot_id) id FROM phase_changes ORDER BY pilot_id, effective_on, seq) AND seq % 5 = 0
                """)
            try await Self.change(registry, "UPDATE authorities SET region_code = 'E12000002' WHERE code = 'E06000001'")
            try await Self.expectKeptMatchesCounted(store, "tools, providers, histories and regions")

            // What governance counts: assessments' sharing, status and practices, evaluations'
            // evaluator, status and removal, and pilots going live or being rolled out.
            try await Self.change(registry, """
                UPDATE assessments SET sharing_level = CASE sharing_level WHEN 'public' THEN 'private' ELSE 'public' END
                WHERE seq % 3 = 0
                """)
            try await Self.change(registry, "UPDATE assessments SET status = 'completed', safeguards = '{human_review,bias_testing}' WHERE seq % 4 = 1")
            try await Self.change(registry, "UPDATE assessments SET deleted_at = now() WHERE seq % 10 = 2")
            try await Self.change(registry, "UPDATE evaluations SET evaluator = 'provider' WHERE seq % 4 = 0")
            try await Self.change(registry, "UPDATE evaluations SET status = 'under_way', sharing_level = 'sector' WHERE seq % 5 = 1")
            try await Self.change(registry, "UPDATE evaluations SET deleted_at = now() WHERE seq % 9 = 3")
            try await Self.change(registry, "UPDATE pilots SET phase = 'implemented' WHERE seq % 6 = 0 AND deleted_at IS NULL")
            try await Self.expectKeptMatchesCounted(store, "assessments, evaluations and rollouts")

            // As if the counts were made last quarter: the next reader counts every pilot, once.
            try await Self.change(registry, "UPDATE statistics_state SET counted_through = '2020-Q1'")
            let folded = try await registry.database.query(KeptStatistics.fold, logger: TestDatabases.shared.logger)
                .first { try $0.get("fold_statistics", as: Int.self) }
            #expect(folded == (try await registry.count("pilots")))
            let nothing = try await registry.database.query(KeptStatistics.fold, logger: TestDatabases.shared.logger)
                .first { try $0.get("fold_statistics", as: Int.self) }
            #expect(nothing == 0)
            try await Self.expectKeptMatchesCounted(store, "counted again for a new quarter")
        }
    }

    /// A pilot's title, a tool's description: changes that count for nothing note nothing, so no
    /// reader counts those pilots again.
    @Test func changesTheCountsIgnoreNoteNoPilot() async throws {
        try await TestRegistry.run { registry in
            var loader = DemoDataLoader(store: RegistryStore(client: registry.database, logger: TestDatabases.shared.logger))
            _ = try await loader.load()
            _ = try await registry.database.query(KeptStatistics.fold, logger: TestDatabases.shared.logger).first { _ in true }
            try await Self.change(registry, "UPDATE pilots SET title = title || ' (renamed)', version = version + 1 WHERE seq % 2 = 0")
            try await Self.change(registry, "UPDATE tools SET description = 'Described again'")
            try await Self.change(registry, "UPDATE providers SET website = 'https://example.org'")
            try await Self.change(registry, "UPDATE authorities SET name = name")
            #expect(try await registry.count("statistics_changes") == 0)
            try await Self.change(registry, "UPDATE pilots SET sharing_level = 'private' WHERE seq = (SELECT min(seq) FROM pilots)")
            #expect(try await registry.count("statistics_changes") == 1)
        }
    }

    @Test func thePracticeCatalogueIsTheAPIsVocabulary() async throws {
        try await TestRegistry.run { registry in
            var kept: Set<String> = []
            let rows = try await registry.database.query(
                "SELECT practice_group, practice FROM statistics_practice_catalogue", logger: TestDatabases.shared.logger)
            for try await (group, practice) in rows.decode((String, String).self) { kept.insert(group + "/" + practice) }
            #expect(kept == Set(StatisticsStore.practiceCatalogue.map { $0.group + "/" + $0.practice }))
        }
    }

    /// Readers who also see their own authority's or network's records, and filtered or past
    /// tables, are counted from the records.
    @Test func onlyReadersAndQuestionsTheCountsHoldAreReadFromThem() {
        let editor = Caller(userID: UUID(), name: "Editor", role: .authorityEditor, authority: "E06000001")
        let member = Caller(userID: UUID(), name: "Member", role: .networkMember, networks: [UUID()])
        #expect(KeptStatistics.audience(.adoption, .init(), viewer: editor) == nil)
        #expect(KeptStatistics.audience(.adoption, .init(), viewer: member) == nil)
        #expect(KeptStatistics.audience(.resourcing, .init(), viewer: .anonymous) == nil)
        #expect(KeptStatistics.audience(.adoption, .init(region: "E12000001"), viewer: .anonymous) == nil)
        #expect(KeptStatistics.audience(.adoption, .init(asOf: CalendarDate(year: 2025, month: 1, day: 1)), viewer: .anonymous) == nil)
        #expect(KeptStatistics.audience(.adoption, .init(kind: "transcription"), viewer: .anonymous) == nil)
        #expect(KeptStatistics.audience(.adoptionTimeSeries, .init(), viewer: .anonymous) == 0)
    }
}
