import Logging
import PostgresNIO

/// Applies pending migrations in order, each in its own transaction, and records them in
/// `schema_migrations`. Concurrent runners queue on an advisory lock, so two servers starting
/// at once apply each file exactly once.
public struct MigrationRunner: Sendable {
    /// Any fixed number unique to this application; PostgreSQL advisory locks are keyed by it.
    static let lockKey: Int64 = 0x6373_635f_7265_67  // "csc_reg"

    public let client: PostgresClient
    public let migrations: [Migration]
    public let logger: Logger

    public init(client: PostgresClient, migrations: [Migration], logger: Logger) {
        self.client = client
        self.migrations = migrations
        self.logger = logger
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case changedAfterApplied(name: String)
        case unknownApplied(version: Int, name: String)

        public var description: String {
            switch self {
            case .changedAfterApplied(let name):
                return "Migration \(name) was changed after it was applied. Migrations are forward only: "
                    + "restore the file and add a new migration instead."
            case .unknownApplied(let version, let name):
                return "The database has migration \(version) (\(name)) that this build does not know. "
                    + "Is an older build running against a newer database?"
            }
        }
    }

    /// Migrations not yet applied; throws if an applied one was changed or is unknown.
    public func pending() async throws -> [Migration] {
        try await client.withConnection { connection in
            try await pending(on: connection)
        }
    }

    /// Applies every pending migration and returns them.
    @discardableResult
    public func migrate() async throws -> [Migration] {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger)
            do {
                let applied = try await applyPending(on: connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                throw error
            }
        }
    }

    private func applyPending(on connection: PostgresConnection) async throws -> [Migration] {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, logger: logger)
        let todo = try await pending(on: connection)
        for migration in todo {
            logger.info("Applying migration", metadata: ["migration": "\(migration.name)"])
            try await connection.withTransaction(logger: logger) { transaction in
                for statement in SQLScript.statements(in: migration.sql) {
                    try await transaction.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await transaction.query(
                    """
                    INSERT INTO schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """, logger: logger)
            }
        }
        return todo
    }

    private func pending(on connection: PostgresConnection) async throws -> [Migration] {
        let exists = try await connection.query(
            "SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger
        ).collect().first?.decode(Bool.self) ?? false
        guard exists else { return migrations }
        var applied: [Int: (name: String, checksum: String)] = [:]
        let rows = try await connection.query(
            "SELECT version, name, checksum FROM schema_migrations ORDER BY version", logger: logger)
        for try await (version, name, checksum) in rows.decode((Int, String, String).self) {
            applied[version] = (name, checksum)
        }
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for (version, record) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = known[version] else {
                throw Failure.unknownApplied(version: version, name: record.name)
            }
            if migration.checksum != record.checksum { throw Failure.changedAfterApplied(name: migration.name) }
        }
        return migrations.filter { applied[$0.version] == nil }
    }
}
