/// Work that must answer in time, or be left behind.
enum Deadline {
    /// `work`'s result, or nil once `deadline` passes or the caller is cancelled. A structured
    /// child would hold the caller until the driver ends a statement that it may never end.
    static func answer<Value: Sendable>(
        within deadline: Duration, _ work: @escaping @Sendable () async -> Value
    ) async -> Value? {
        let answer = FirstAnswer<Value?>()
        let timer = Task {
            try? await Task.sleep(for: deadline)
            answer.give(.success(nil))
        }
        defer { timer.cancel() }
        return (try? await answer.run { await work() }) ?? nil
    }
}
