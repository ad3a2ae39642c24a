import Foundation
import Logging
import PostgresNIO
import Testing

@testable import Registry

@Suite struct MigrationRunnerTests {
    let logger = TestDatabases.shared.logger

    func withEmptyDatabase(_ body: @Sendable @escaping (DatabaseURL, PostgresClient) async throws -> Void) async throws {
        try await TestSlots.shared.withSlot { try await withEmptyDatabaseAlone(body) }
    }

    func withEmptyDatabaseAlone(_ body: @Sendable @escaping (DatabaseURL, PostgresClient) async throws -> Void) async throws {
        let url = try await TestDatabases.shared.empty()
        do {
            try await DatabaseSession.run(url, logger: logger) { client in try await body(url, client) }
        } catch {
            await TestDatabases.shared.drop(url)
            throw error
        }
        await TestDatabases.shared.drop(url)
    }

    var migrations: [Migration] {
        get throws { try Migration.load(from: TestDatabases.shared.resources.migrations) }
    }

    @Test func freshDatabaseGetsEveryMigrationAndRerunAppliesNothing() async throws {
        let migrations = try self.migrations
        try await withEmptyDatabase { _, client in
            let runner = MigrationRunner(client: client, migrations: migrations, logger: logger)
            #expect(try await runner.pending().count == migrations.count)
            #expect(try await runner.migrate().map(\.version) == migrations.map(\.version))
            #expect(try await runner.pending().isEmpty)
            #expect(try await runner.migrate().isEmpty)
            let recorded = try await client.query("SELECT count(*) AS n FROM schema_migrations").first { try $0.get("n", as: Int.self) }
            #expect(recorded == migrations.count)
        }
    }

    @Test func fileChangedAfterItWasAppliedIsRefused() async throws {
        let migrations = try self.migrations
        try await withEmptyDatabase { _, client in
            try await MigrationRunner(client: client, migrations: migrations, logger: logger).migrate()
            var tampered = migrations
            tampered[2] = Migration(version: tampered[2].version, name: tampered[2].name, sql: tampered[2].sql + "\n-- edited")
            let runner = MigrationRunner(client: client, migrations: tampered, logger: logger)
            await #expect(throws: MigrationRunner.Failure.changedAfterApplied(name: migrations[2].name)) {
                try await runner.migrate()
            }
            await #expect(throws: MigrationRunner.Failure.self) { try await runner.pending() }
        }
    }

    @Test func failingMigrationLeavesNoTraceAndEarlierOnesStay() async throws {
        let migrations = try self.migrations
        try await withEmptyDatabase { _, client in
            let broken = Migration(version: 9999, name: "9999_broken", sql: "CREATE TABLE half_done (id int);\nSELECT no_such_function();")
            let runner = MigrationRunner(client: client, migrations: migrations + [broken], logger: logger)
            await #expect(throws: (any Error).self) { try await runner.migrate() }
            let halfDone = try await client.query("SELECT to_regclass('half_done') IS NULL AS absent").first { try $0.get("absent", as: Bool.self) }
            #expect(halfDone == true)
            #expect(try await runner.pending().map(\.version) == [9999])
        }
    }

    @Test func twoRunnersAtOnceApplyEachMigrationOnce() async throws {
        let migrations = try self.migrations
        try await withEmptyDatabase { url, _ in
            // Two separate pools, as two servers starting together would have.
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await DatabaseSession.run(url, logger: logger) { client in
                            try await MigrationRunner(client: client, migrations: migrations, logger: logger).migrate().count
                        }
                    }
                }
                var applied: [Int] = []
                for try await count in group { applied.append(count) }
                #expect(applied.sorted() == [0, migrations.count])
            }
        }
    }

    @Test func serverRefusesToStartWithPendingMigrations() async throws {
        let url = try await TestDatabases.shared.empty()
        defer { Task { await TestDatabases.shared.drop(url) } }
        let configuration = AppConfiguration(
            port: 0, database: url, resources: try TestDatabases.shared.resources, logLevel: .critical)
        let app = try await buildApplication(configuration)
        // Run as `serve` runs it: the check is the server's prelude, so a refusal ends the
        // service group. (The router test framework can lose its shutdown when a prelude throws.)
        await #expect(throws: ConfigurationError.self) {
            try await app.run()
        }
    }

    @Test func migrationFilesAreNamedAndNumberedInOrder() throws {
        let migrations = try self.migrations
        #expect(migrations.map(\.version) == Array(1...migrations.count))
    }
}
