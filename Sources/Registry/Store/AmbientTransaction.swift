import CoreMetrics
import Logging
import Metrics
import PostgresNIO

/// The transaction the current task is inside, if any. Store methods called within it join it
/// instead of using a pooled connection of their own, so a bulk import commits every record or
/// none, while each record is still checked and audited by the store that owns it.
enum AmbientTransaction {
    @TaskLocal static var connection: DatabaseConnection?

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
    /// A transaction on a pooled connection; the body's error (a rule it enforced, a unique
    /// index or a lock timeout it met) surfaces as itself, so the caller is told what was wrong.
    /// Inside an `AmbientTransaction` the body joins that transaction.
    func transactionJoiningAmbient<Result>(
        logger: Logger, _ body: (DatabaseConnection) async throws -> Result
    ) async throws -> Result {
        if let ambient = AmbientTransaction.connection { return try await body(ambient) }
        return try await leased { connection in try await connection.transaction(logger: logger, body) }
    }

    /// A query on the ambient transaction's connection if there is one, else on the pool.
    @discardableResult
    func queryJoiningAmbient(_ query: PostgresQuery, logger: Logger) async throws -> FetchedRows {
        if let ambient = AmbientTransaction.connection { return try await ambient.query(query, logger: logger) }
        return try await pooled { try await self.leased { try await $0.pooledRead(query, logger: logger) } }
    }

    /// A prepared statement's rows, on the ambient transaction's connection if there is one, else
    /// on the pool. Each connection prepares it once and keeps its plan.
    func executeJoiningAmbient<Statement: PostgresPreparedStatement>(prepared statement: Statement, logger: Logger) async throws
        -> [Statement.Row] where Statement.Row: Sendable
    {
        if let ambient = AmbientTransaction.connection { return try await ambient.execute(statement, logger: logger) }
        return try await pooled { try await self.leased { try await $0.pooledRead(statement, logger: logger) } }
    }

    /// A connection: the ambient transaction's if there is one, else one from the pool.
    func connectionJoiningAmbient<Result>(_ body: (DatabaseConnection) async throws -> Result) async throws -> Result {
        if let ambient = AmbientTransaction.connection { return try await body(ambient) }
        return try await leased(body)
    }

    /// A pooled connection for `body`. The pool's own failures (it is shut down, or gave up
    /// connecting for now) mean the database is unavailable, whatever type the pool throws.
    /// How long the caller waited for the connection is recorded when the server measures.
    private func leased<Result>(_ body: (DatabaseConnection) async throws -> Result) async throws -> Result {
        var lent = false
        let metrics = DatabaseMetrics.current
        let asked = ContinuousClock.now
        metrics?.waiting.increment()
        defer { if !lent { metrics?.waiting.decrement() } }
        do {
            return try await withConnection { connection in
                lent = true
                metrics?.waiting.decrement()
                metrics?.connectionWait.record(duration: ContinuousClock.now - asked)
                metrics?.lent(by: 1)
                defer { metrics?.lent(by: -1) }
                return try await body(DatabaseConnection(underlying: connection))
            }
        } catch where !lent && !(error is CancellationError) {
            throw DatabaseUnavailable()
        }
    }

    /// One statement on whichever connection the pool lends. The pool can lend a connection
    /// whose close it has not heard of yet, and a statement written there never ends (see
    /// `DatabaseConnection`); while a request is served, its wait ends when the database is found gone.
    private func pooled<Result: Sendable>(_ statement: @escaping @Sendable () async throws -> Result) async throws -> Result {
        do {
            guard let monitor = DatabaseMonitor.servingRequest else { return try await statement() }
            return try await monitor.unlessOutage(statement)
        } catch let error as PSQLError {
            throw error
        } catch where !(error is CancellationError) && !(error is DatabaseUnavailable) {
            throw DatabaseUnavailable()
        }
    }
}
