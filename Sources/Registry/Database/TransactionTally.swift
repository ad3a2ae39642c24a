import Synchronization

/// What the transaction under way wrote that operators count, reported only when it commits:
/// an audit entry inserted and then rolled back was never written.
final class TransactionTally: Sendable {
    @TaskLocal static var current: TransactionTally?

    private let counts = Mutex<[String: Int]>([:])

    /// Audit entries by action.
    var auditEntries: [String: Int] { counts.withLock { $0 } }

    func audited(_ action: String) {
        counts.withLock { $0[action, default: 0] += 1 }
    }
}
