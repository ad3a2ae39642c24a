import Synchronization

/// The first result given to a waiting caller; later ones are dropped.
final class FirstAnswer<Value: Sendable>: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<Value, any Error>?, early: Result<Value, any Error>?, given: Bool)>(
        (nil, nil, false))

    func await(_ continuation: CheckedContinuation<Value, any Error>) {
        let early = state.withLock { state -> Result<Value, any Error>? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func give(_ result: Result<Value, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            guard !state.given else { return nil }
            state.given = true
            guard let continuation = state.continuation else {
                state.early = result
                return nil
            }
            state.continuation = nil
            return continuation
        }
        continuation?.resume(with: result)
    }
}

extension FirstAnswer {
    /// `work`'s result, or the first answer given meanwhile (by a timer, an outage watch); a
    /// cancelled caller gets `CancellationError`. `work` runs in a task of its own that is left
    /// behind when another answer comes first: the database driver can leave a statement
    /// waiting for ever (see `DatabaseConnection`), and no caller may wait with it.
    func run(_ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let worker = Task {
            do { give(.success(try await work())) } catch { give(.failure(error)) }
        }
        defer { worker.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { self.await($0) }
        } onCancel: {
            self.give(.failure(CancellationError()))
        }
    }
}
