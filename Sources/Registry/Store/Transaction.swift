import Logging
import PostgresNIO

extension PostgresClient {
    /// `withTransaction`, except that a rule the body enforced (a `RegistryError`) surfaces as
    /// itself rather than wrapped, so the caller is told what was wrong. It was rolled back.
    func transaction<Result>(
        logger: Logger,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        do {
            return try await withTransaction(logger: logger, isolation: isolation, body)
        } catch let error as PostgresTransactionError {
            if let rule = error.closureError as? RegistryError, error.rollbackError == nil { throw rule }
            throw error
        }
    }
}
