import Synchronization
import Testing

@testable import Registry

/// The statistics queue: bounded, and no place kept for a reader who went away.
@Suite struct ConcurrencyLimitTests {
    @Test func aWaiterWhoseClientWentIsPassedOver() async throws {
        let limit = ConcurrencyLimit(slots: 1)
        let ran = Shared<[String]>([])
        let (holding, release) = AsyncStream.makeStream(of: Void.self)
        let first = Task { try await limit.run { ran.value.withLock { $0.append("first") }; for await _ in holding { break } } }
        try await Self.until { await limit.queued == 0 && ran.value.withLock { $0.count } == 1 }
        let gone = Task {
            let presence = RequestPresence { false }
            return try await RequestPresence.$current.withValue(presence) {
                try await limit.run { ran.value.withLock { $0.append("gone") } }
            }
        }
        try await Self.until { await limit.queued == 1 }
        let waiting = Task { try await limit.run { ran.value.withLock { $0.append("waiting") } } }
        try await Self.until { await limit.queued == 2 }

        release.finish()
        try await first.value
        try await waiting.value
        await #expect(throws: CancellationError.self) { try await gone.value }
        #expect(ran.value.withLock { $0 } == ["first", "waiting"])
        await #expect(limit.queued == 0)
    }

    @Test func aFullQueueRefusesAtOnce() async throws {
        let limit = ConcurrencyLimit(slots: 1, queueLength: 1)
        let (holding, release) = AsyncStream.makeStream(of: Void.self)
        let first = Task { try await limit.run { for await _ in holding { break } } }
        let second = Task { try await limit.run { 2 } }
        try await Self.until { await limit.queued == 1 }

        await #expect(throws: ConcurrencyLimit.Full.self) { try await limit.run { 3 } }
        release.finish()
        try await first.value
        #expect(try await second.value == 2)
        #expect(try await limit.run { 4 } == 4)
    }

    @Test func aCancelledWaiterLeavesTheQueueAndFreesNoSlot() async throws {
        let limit = ConcurrencyLimit(slots: 1)
        let running = Shared(0)
        let (holding, release) = AsyncStream.makeStream(of: Void.self)
        let first = Task { try await limit.run { for await _ in holding { break } } }
        let cancelled = Task { try await limit.run { running.value.withLock { $0 += 1 } } }
        try await Self.until { await limit.queued == 1 }

        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        await #expect(limit.queued == 0)
        // The slot is still held: the next reader waits for it rather than running beside it.
        let next = Task { try await limit.run { running.value.withLock { $0 += 1 } } }
        try await Self.until { await limit.queued == 1 }
        release.finish()
        try await first.value
        try await next.value
        #expect(running.value.withLock { $0 } == 1)
    }

    /// Polls `condition` for up to ten seconds: the tasks above reach the queue in their own time.
    private static func until(_ condition: @Sendable () async -> Bool) async throws {
        for _ in 0..<1000 {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the condition did not hold within ten seconds")
    }
}

/// A value the tasks of one test change together.
private final class Shared<Value: Sendable>: Sendable {
    let value: Mutex<Value>
    init(_ initial: Value) { value = Mutex(initial) }
}
