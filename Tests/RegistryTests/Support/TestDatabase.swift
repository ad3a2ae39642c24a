import Foundation
import Logging
import PostgresNIO
import Testing

@testable import Registry

/// Databases for tests on the PostgreSQL server named by `DATABASE_URL` (`make test` starts a
/// private one). Migrations run once into a template named after their checksums; every test
/// then gets its own copy with `CREATE DATABASE ... TEMPLATE`, so tests run in parallel and
/// never see each other's rows.
actor TestDatabases {
    static let shared = TestDatabases()

    /// Shared by every test: actors are re-entrant, so a stored task makes the build happen once.
    private var template: Task<String, any Error>?
    let logger: Logger = {
        var logger = Logger(label: "registry-tests")
        logger.logLevel = .warning
        return logger
    }()

    nonisolated var server: DatabaseURL {
        get throws {
            guard let text = ProcessInfo.processInfo.environment["DATABASE_URL"] else {
                throw ConfigurationError("DATABASE_URL is not set; run the tests with `make test`.")
            }
            let url = try DatabaseURL(text)
            guard url.isLocal else {
                throw ConfigurationError("Tests create and drop databases, so they refuse to run against \(url.host).")
            }
            return url
        }
    }

    nonisolated var resources: ResourceFiles {
        get throws { try ResourceFiles.locate() }
    }

    /// A fresh, migrated database of its own.
    func fresh() async throws -> DatabaseURL {
        let template = try await migratedTemplate()
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin("CREATE DATABASE \(name) TEMPLATE \(template)")
        return try server.with(database: name)
    }

    /// An empty database, for tests of the migration runner itself.
    func empty() async throws -> DatabaseURL {
        let name = "e_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin("CREATE DATABASE \(name)")
        return try server.with(database: name)
    }

    func drop(_ database: DatabaseURL) async {
        try? await admin("DROP DATABASE IF EXISTS \(database.database) WITH (FORCE)")
    }

    private func migratedTemplate() async throws -> String {
        if let template { return try await template.value }
        let task = Task { try await buildTemplate() }
        template = task
        return try await task.value
    }

    private func buildTemplate() async throws -> String {
        let migrations = try Migration.load(from: resources.migrations)
        let fingerprint = Migration(version: 0, name: "all", sql: migrations.map(\.checksum).joined()).checksum.prefix(16)
        let name = "template_\(fingerprint)"
        let exists = try await DatabaseSession.run(try server, logger: logger) { client in
            try await client.query("SELECT 1 AS found FROM pg_database WHERE datname = \(name)").first { _ in true } != nil
        }
        if !exists {
            let building = "building_\(fingerprint)_\(getpid())"
            try await admin("DROP DATABASE IF EXISTS \(building)")
            try await admin("CREATE DATABASE \(building)")
            try await DatabaseSession.run(try server.with(database: building), logger: logger) { client in
                try await MigrationRunner(client: client, migrations: migrations, logger: self.logger).migrate()
            }
            // Renaming last makes the template appear complete or not at all.
            try await admin("ALTER DATABASE \(building) RENAME TO \(name)")
        }
        return name
    }

    /// One client on the server's maintenance database for the whole run, started once: a
    /// client made and cancelled for every CREATE and DROP of a test database was hundreds of
    /// pool lifecycles a run, racing their own start-up.
    private var maintenance: PostgresClient?

    /// Runs one statement on the server's maintenance database. Names come from this file only.
    private func admin(_ sql: String) async throws {
        let client: PostgresClient
        if let maintenance {
            client = maintenance
        } else {
            client = PostgresClient(
                configuration: try server.clientConfiguration(maximumConnections: 2), backgroundLogger: logger)
            maintenance = client
            Task.detached { await client.run() }
        }
        try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }
}
