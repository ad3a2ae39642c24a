import CoreMetrics
import Logging
import Metrics
import NIOConcurrencyHelpers
import PostgresNIO

/// A leased PostgreSQL connection that refuses a statement once the connection has closed.
///
/// PostgresNIO drops a statement written to a closed channel without ever completing it
/// (its fix, vapor/postgres-nio#487, was reverted in #501), so a request that met a database
/// restart waited for ever, usually on the ROLLBACK after its failed statement, and held the
/// server's shutdown up. Every statement on a leased connection goes through here instead;
/// a transaction whose caller was cancelled mid-statement closes its connection, as nothing
/// can say what state it is in.
struct DatabaseConnection: Sendable {
    let underlying: PostgresConnection

    var isClosed: Bool { underlying.isClosed }

    @discardableResult
    func query(_ query: PostgresQuery, logger: Logger, file: String = #fileID, line: Int = #line) async throws
        -> FetchedRows
    {
        try requireOpen()
        return try await timed { try await unlessCancelled { try await underlying.fetch(query, logger: logger, file: file, line: line) } }
    }

    /// A prepared statement's rows, read whole: each connection prepares it once and keeps its plan.
    func execute<Statement: PostgresPreparedStatement>(_ statement: Statement, logger: Logger) async throws
        -> [Statement.Row] where Statement.Row: Sendable
    {
        try requireOpen()
        return try await timed {
            try await unlessCancelled {
                var rows: [Statement.Row] = []
                for try await row in try await underlying.execute(statement, logger: logger) { rows.append(row) }
                return rows
            }
        }
    }

    /// One statement on a connection just lent for it alone, outside any transaction: the caller
    /// (`pooled`) already stops waiting when the database is found gone.
    func pooledRead(_ query: PostgresQuery, logger: Logger) async throws -> FetchedRows {
        try await timed { try await underlying.fetch(query, logger: logger) }
    }

    func pooledRead<Statement: PostgresPreparedStatement>(_ statement: Statement, logger: Logger) async throws
        -> [Statement.Row]
    {
        try await timed {
            var rows: [Statement.Row] = []
            for try await row in try await underlying.execute(statement, logger: logger) { rows.append(row) }
            return rows
        }
    }

    /// Runs `body` in a transaction on this connection. A body that fails is rolled back,
    /// unless the connection has closed, which ended the transaction already; a connection
    /// whose ROLLBACK fails is closed, so the pool never lends it out mid-transaction.
    func transaction<Result>(logger: Logger, _ body: (DatabaseConnection) async throws -> Result) async throws
        -> Result
    {
        try await query("BEGIN", logger: logger)
        let result: Result
        let tally = TransactionTally()
        do {
            result = try await TransactionTally.$current.withValue(tally) { try await body(self) }
        } catch {
            if !isClosed {
                do {
                    try await query("ROLLBACK", logger: logger)
                } catch {
                    try? await underlying.close()
                }
            }
            throw error
        }
        try await query("COMMIT", logger: logger)
        DatabaseMetrics.current?.committed(tally)
        return result
    }

    /// The statement, its duration recorded when the server measures (`DatabaseMetrics`).
    private func timed<Result>(_ statement: () async throws -> Result) async throws -> Result {
        guard let metrics = DatabaseMetrics.current else { return try await statement() }
        let started = ContinuousClock.now
        defer { metrics.statementDuration.record(duration: ContinuousClock.now - started) }
        return try await statement()
    }

    /// The statement in a task of its own, so that a caller cancelled because the database went
    /// away stops waiting even if the closed channel dropped the statement after `requireOpen`.
    private func unlessCancelled<Result: Sendable>(_ statement: @escaping @Sendable () async throws -> Result) async throws
        -> Result
    {
        try await FirstAnswer<Result>().run(statement)
    }

    private func requireOpen() throws {
        if underlying.isClosed { throw DatabaseUnavailable() }
    }
}

extension PostgresConnection {
    /// `query` read whole (see `FetchedRows`), each row handed over as it arrives: the driver's
    /// collect-all path copies the rows kept so far at every read, which costs time and a
    /// second copy's memory on the largest results.
    func fetch(_ query: PostgresQuery, logger: Logger, file: String = #fileID, line: Int = #line) async throws
        -> FetchedRows
    {
        let rows = NIOLockedValueBox<[PostgresRow]>([])
        let done: EventLoopFuture<PostgresQueryMetadata> = self.query(query, logger: logger, file: file, line: line) { row in
            rows.withLockedValue { $0.append(row) }
        }
        _ = try await done.get()
        return FetchedRows(rows: rows.withLockedValue { $0 })
    }
}
