/// At most `slots` bodies run at once; up to `queueLength` more wait their turn in order, and
/// the rest are refused with `Full` at once. Statistics worked out afresh take one, so however
/// many readers ask, connections stay free for writes.
///
/// A waiter whose task is cancelled leaves the queue, and one whose client has gone
/// (`RequestPresence`) is passed over when its turn comes: a reader who gave up must not hold
/// back those still waiting.
actor ConcurrencyLimit {
    let slots: Int
    let queueLength: Int
    private var used = 0
    private var waiting: [Waiter] = []
    private var nextID = 0

    /// Every slot is taken and the queue is full.
    struct Full: Error, CustomStringConvertible {
        var description: String { "too many requests are waiting to be worked out" }
    }

    private struct Waiter {
        let id: Int
        let presence: RequestPresence?
        let continuation: CheckedContinuation<Void, any Error>
    }

    /// How many wait for a slot now.
    var queued: Int { waiting.count }

    init(slots: Int, queueLength: Int = 64) {
        self.slots = max(1, slots)
        self.queueLength = max(0, queueLength)
    }

    nonisolated func run<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws -> Result {
        let id = await reserveID()
        try await withTaskCancellationHandler {
            try await acquire(id, presence: RequestPresence.current)
        } onCancel: {
            Task { await self.leave(id) }
        }
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func reserveID() -> Int {
        nextID += 1
        return nextID
    }

    private func acquire(_ id: Int, presence: RequestPresence?) async throws {
        try Task.checkCancellation()
        if used < slots {
            used += 1
            return
        }
        guard waiting.count < queueLength else { throw Full() }
        try await withCheckedThrowingContinuation { waiting.append(Waiter(id: id, presence: presence, continuation: $0)) }
    }

    /// A cancelled waiter's place; nothing if it already has its slot.
    private func leave(_ id: Int) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    /// Hands the slot to the first waiter still wanted, or frees it.
    private func release() {
        while !waiting.isEmpty {
            let next = waiting.removeFirst()
            guard next.presence?.isWanted ?? true else {
                next.continuation.resume(throwing: CancellationError())
                continue
            }
            next.continuation.resume()
            return
        }
        used -= 1
    }
}
