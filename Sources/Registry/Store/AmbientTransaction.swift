import Logging
import PostgresNIO

/// The transaction the current task is inside, if any. Store methods called within it join it
/// instead of using a pooled connection of their own, so a bulk import commits every record or
/// none, while each record is still checked and audited by the store that owns it.
enum AmbientTransaction {
    @TaskLocal static var connection: PostgresConnection?

    /// Runs `body` in one transaction that every store call inside it joins.
    static func run<Result: Sendable>(
        _ client: PostgresClient, logger: Logger, _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            try await $connection.withValue(connection) { try await body() }
        }
    }
}

extension PostgresClient {
    /// `withTransaction`, except that the body's error (a rule it enforced, a unique index or a
    /// lock timeout it met) surfaces as itself rather than wrapped, so the caller is told what
    /// was wrong. It was rolled back.
    /// Inside an `AmbientTransaction` the body joins that transaction.
    func transactionJoiningAmbient<Result>(
        logger: Logger,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        if let ambient = AmbientTransaction.connection { return try await body(ambient) }
        do {
            return try await withTransaction(logger: logger, isolation: isolation, body)
        } catch let error as PostgresTransactionError {
            if let cause = error.closureError, error.rollbackError == nil { throw cause }
            throw error
        }
    }

    /// A query on the ambient transaction's connection if there is one, else on the pool.
    @discardableResult
    func queryJoiningAmbient(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        if let ambient = AmbientTransaction.connection { return try await ambient.query(query, logger: logger) }
        return try await self.query(query, logger: logger)
    }

    /// A prepared statement on the ambient transaction's connection if there is one, else on the
    /// pool. Each connection prepares it once and keeps its plan.
    func executeJoiningAmbient<Statement: PostgresPreparedStatement>(prepared statement: Statement, logger: Logger) async throws
        -> AsyncThrowingMapSequence<PostgresRowSequence, Statement.Row>
    {
        if let ambient = AmbientTransaction.connection { return try await ambient.execute(statement, logger: logger) }
        return try await execute(statement, logger: logger)
    }

    /// A connection: the ambient transaction's if there is one, else one from the pool.
    func connectionJoiningAmbient<Result>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        if let ambient = AmbientTransaction.connection { return try await body(ambient) }
        return try await withConnection(body)
    }
}
