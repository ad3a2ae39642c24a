import CoreMetrics
import Metrics
import Synchronization

/// What operators watch of the database: how long statements take, how long callers wait for a
/// pooled connection, how many connections are in use or idle, and the audit entries committed.
///
/// The server sets `current` for all it runs (`RequestReportingMiddleware`, `MeasuredService`);
/// commands and stores used without it record nothing.
final class DatabaseMetrics: Sendable {
    @TaskLocal static var current: DatabaseMetrics?

    let statementDuration: Timer
    let connectionWait: Timer
    /// Callers waiting for a pooled connection now.
    let waiting: Meter
    /// Connections lent out, and open but not lent.
    private let inUse: Meter
    private let idle: Meter
    /// Connections the pool has opened (or is opening), as `PoolObserver` hears of them, and
    /// those lent out by `leased`; PostgresNIO tells no one of its leases.
    private let open = Atomic(0)
    private let lent = Atomic(0)
    /// Audit entries committed, by action.
    let auditEntries: LabelledMetrics<Counter>

    init(factory: any MetricsFactory) {
        auditEntries = LabelledMetrics("action") { Counter(label: "csc_registry_audit_entries_total", dimensions: $0, factory: factory) }
        statementDuration = Timer(label: "csc_registry_database_statement_duration_seconds", factory: factory)
        connectionWait = Timer(label: "csc_registry_database_connection_wait_seconds", factory: factory)
        waiting = Meter(label: "csc_registry_database_connections_awaited", factory: factory)
        inUse = Meter(label: "csc_registry_database_connections", dimensions: [("state", "in_use")], factory: factory)
        idle = Meter(label: "csc_registry_database_connections", dimensions: [("state", "idle")], factory: factory)
    }

    /// The pool opened a connection (`by: 1`), or one closed or failed to open (`by: -1`).
    func opened(by change: Int) {
        open.add(change, ordering: .relaxed)
        updateConnections()
    }

    /// A connection was lent (`by: 1`) or returned (`by: -1`).
    func lent(by change: Int) {
        lent.add(change, ordering: .relaxed)
        updateConnections()
    }

    private func updateConnections() {
        let (open, lent) = (open.load(ordering: .relaxed), lent.load(ordering: .relaxed))
        inUse.set(lent)
        idle.set(max(0, open - lent))
    }

    /// Counts what a transaction wrote to the audit trail, once it has committed.
    func committed(_ tally: TransactionTally) {
        for (action, count) in tally.auditEntries where count > 0 {
            auditEntries[action].increment(by: count)
        }
    }
}
