import Logging
import PostgresNIO

/// Runs one piece of offline work (migrate, load demo data) with a pooled client that is
/// started before and shut down after it, as the command-line tools need.
enum DatabaseSession {
    static func run<Result: Sendable>(
        _ database: DatabaseURL, logger: Logger, _ work: @Sendable @escaping (PostgresClient) async throws -> Result
    ) async throws -> Result {
        try await refusedAtOnce(database, logger: logger)
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

    /// A server that answers but refuses the session (no such database, a wrong password) ends
    /// the command at once with its reason; the pool would go on asking for a minute. A server
    /// not answering yet (one starting up) is left to the pool, which retries.
    private static func refusedAtOnce(_ database: DatabaseURL, logger: Logger) async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: database.connectionConfiguration(connectTimeout: .seconds(5)), id: 0, logger: logger)
        } catch let error as PSQLError {
            // Class 3D: no such database; class 28: the credentials. Anything else may pass.
            guard let state = error.serverInfo?[.sqlState], state.hasPrefix("3D") || state.hasPrefix("28"),
                  let message = error.serverInfo?[.message] else { return }
            throw ConfigurationError(
                "PostgreSQL at \(database.host):\(database.port) refused the session: \(message) (SQLSTATE \(state))")
        } catch {
            return
        }
        try? await connection.close()
    }
}
