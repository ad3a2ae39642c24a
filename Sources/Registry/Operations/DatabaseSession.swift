import Logging
import PostgresNIO

/// Runs one piece of offline work (migrate, load demo data) with a pooled client that is
/// started before and shut down after it, as the command-line tools need.
enum DatabaseSession {
    static func run<Result: Sendable>(
        _ database: DatabaseURL, logger: Logger, _ work: @Sendable @escaping (PostgresClient) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(configuration: try database.clientConfiguration(maximumConnections: 4), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            group.addTask { try await work(client) }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }
}

/// The offline operations behind the command-line tool's subcommands.
public enum RegistryOperations {
    /// Applies pending migrations; returns the names of those applied.
    public static func migrate(database: DatabaseURL, resources: ResourceFiles, logger: Logger) async throws -> [String] {
        let migrations = try Migration.load(from: resources.migrations)
        return try await DatabaseSession.run(database, logger: logger) { client in
            try await MigrationRunner(client: client, migrations: migrations, logger: logger).migrate().map(\.name)
        }
    }

    /// Loads the demonstration data set unless it is already there; with `scale` above 1, then
    /// multiplies it that many times over for benchmarks.
    public static func loadDemo(database: DatabaseURL, resources: ResourceFiles, scale: Int = 1, logger: Logger) async throws -> DemoSummary {
        let migrations = try Migration.load(from: resources.migrations)
        return try await DatabaseSession.run(database, logger: logger) { client in
            let pending = try await MigrationRunner(client: client, migrations: migrations, logger: logger).pending()
            if !pending.isEmpty {
                throw ConfigurationError("The database has pending migrations; run `csc-registry migrate` first.")
            }
            var loader = DemoDataLoader(store: RegistryStore(client: client, logger: logger))
            var summary = try await loader.load()
            if scale > 1 {
                summary.scaledPilots = try await DemoScaling.scale(to: scale, client: client, logger: logger)
            }
            return summary
        }
    }
}
