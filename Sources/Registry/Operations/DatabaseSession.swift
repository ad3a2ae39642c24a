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
