/// At most `slots` bodies run at once; the rest wait their turn in order. Statistics worked out
/// afresh take one, so however many readers ask, connections stay free for writes.
actor ConcurrencyLimit {
    let slots: Int
    private var used = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int) {
        self.slots = max(1, slots)
    }

    nonisolated func run<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws -> Result {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if used < slots {
            used += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            used -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
