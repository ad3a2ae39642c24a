/// Whether anyone still waits for the work the current task does. The server sets one per
/// request (has the client hung up?); work with none, started by the server itself, is wanted.
final class RequestPresence: Sendable {
    /// A reference, made before it is bound: a closure bound directly as a task-local value
    /// crashed optimized builds in `swift_task_localValuePush`.
    @TaskLocal static var current: RequestPresence?

    private let check: @Sendable () -> Bool

    init(_ check: @escaping @Sendable () -> Bool) {
        self.check = check
    }

    var isWanted: Bool { check() }

    /// Whether the current task's work is still wanted.
    static var isWanted: Bool { current?.isWanted ?? true }
}
