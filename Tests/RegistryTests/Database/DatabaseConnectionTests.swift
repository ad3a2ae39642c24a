import Foundation
import Logging
import Synchronization
import PostgresNIO
import Testing

@testable import Registry

/// A connection PostgreSQL closes under a transaction: what follows fails at once with
/// `DatabaseUnavailable` instead of waiting for ever on a statement the driver dropped.
@Suite struct DatabaseConnectionTests {
    @Test func aTransactionWhoseBackendIsTerminatedFailsPromptly() async throws {
        let url = try await TestDatabases.shared.fresh()
        defer { Task { await TestDatabases.shared.drop(url) } }
        let logger = Logger(label: "database-connection-tests")
        try await DatabaseSession.run(url, logger: logger) { client in
            let started = ContinuousClock.now
            let failure = await Self.within(.seconds(20)) {
                try await client.transactionJoiningAmbient(logger: logger) { connection in
                    let pid = try await connection.query("SELECT pg_backend_pid()", logger: logger).first { try $0.get("pg_backend_pid", as: Int32.self) }!
                    try await client.withConnection { other in
                        try await other.query("SELECT pg_terminate_backend(\(pid))", logger: logger)
                    }
                    // The server closes the socket; once the driver has seen that, the next
                    // statement is the one it would have dropped.
                    while !connection.isClosed { try await Task.sleep(for: .milliseconds(20)) }
                    try await connection.query("SELECT 1", logger: logger)
                }
            }
            #expect(failure is DatabaseUnavailable, "\(String(describing: failure))")
            #expect(ContinuousClock.now - started < .seconds(10))

            // The pool lends a working connection afterwards.
            let answer = try await client.queryJoiningAmbient("SELECT 1 AS one", logger: logger).first { try $0.get("one", as: Int.self) }
            #expect(answer == 1)
        }
    }

    /// A request cancelled because the database went away must not wait for its statement:
    /// the driver ignores cancellation, and may never end a statement at all.
    @Test func aCancelledTransactionStopsWaitingForItsStatement() async throws {
        let url = try await TestDatabases.shared.fresh()
        defer { Task { await TestDatabases.shared.drop(url) } }
        let logger = Logger(label: "database-connection-tests")
        try await DatabaseSession.run(url, logger: logger) { client in
            let transaction = Task {
                try await client.transactionJoiningAmbient(logger: logger) { connection in
                    try await connection.query("SELECT pg_sleep(5)", logger: logger)
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            let started = ContinuousClock.now
            transaction.cancel()
            let failure = await Self.within(.seconds(20)) { try await transaction.value }
            #expect(failure is CancellationError, "\(String(describing: failure))")
            #expect(ContinuousClock.now - started < .seconds(1), "waited \(ContinuousClock.now - started)")

            let answer = try await client.queryJoiningAmbient("SELECT 1 AS one", logger: logger).first { try $0.get("one", as: Int.self) }
            #expect(answer == 1)
        }
    }

    /// A health probe's deadline holds even when the statement outlives it.
    @Test func aDeadlineAnswersWithoutWaitingForTheWork() async throws {
        let url = try await TestDatabases.shared.fresh()
        defer { Task { await TestDatabases.shared.drop(url) } }
        let logger = Logger(label: "database-connection-tests")
        try await DatabaseSession.run(url, logger: logger) { client in
            let started = ContinuousClock.now
            let answer = await Deadline.answer(within: .milliseconds(200)) {
                (try? await client.query("SELECT pg_sleep(5)", logger: logger).collect().count) ?? -1
            }
            #expect(answer == nil)
            #expect(ContinuousClock.now - started < .seconds(1), "waited \(ContinuousClock.now - started)")
            #expect(await Deadline.answer(within: .seconds(5)) { 42 } == 42)
        }
    }

    /// The error `body` threw, nil if it succeeded, or `TimedOut` if it had not ended in time.
    /// `body` runs unstructured, so a body that never ends fails the test instead of hanging it.
    private static func within(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async -> (any Error)? {
        let waiting = Mutex<CheckedContinuation<(any Error)?, Never>?>(nil)
        let finish: @Sendable ((any Error)?) -> Void = { outcome in
            waiting.withLock { continuation in
                continuation?.resume(returning: outcome)
                continuation = nil
            }
        }
        return await withCheckedContinuation { continuation in
            waiting.withLock { $0 = continuation }
            Task {
                do {
                    try await body()
                    finish(nil)
                } catch {
                    finish(error)
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                finish(TimedOut())
            }
        }
    }

    private struct TimedOut: Error {}
}
