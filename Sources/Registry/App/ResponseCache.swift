import CoreMetrics
import HTTPTypes
import Metrics
import NIOConcurrencyHelpers
import OpenAPIRuntime

/// Finished responses to reads, each kept with the registry's data version it was worked out at
/// and reused only for requests that started at that version or an earlier one (`DataVersion`).
///
/// That makes a reuse exact rather than "fresh enough": a record edited, removed or re-shared by
/// this server, another server or `psql` raises the version, and the next read recomputes. Entries
/// are per reader, so one caller's view never answers another's. Concurrent misses for one key
/// share a single computation, and the least recently used entries go once the byte budget is full.
final class ResponseCache: Sendable {
    struct Key: Hashable, Sendable {
        /// Whose view: a user's id, or "anonymous".
        let reader: String
        /// The request as the handler sees it: path and query, `Accept`, and the day (`as_of`
        /// defaults to it).
        let request: String
        /// The content coding the answer is kept in; nil for the answer as the handler gave it.
        var coding: ContentCoding?
    }

    struct Stored: Sendable {
        let version: DataVersion
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: [UInt8]

        /// What keeping it costs: the body, plus an allowance for the key, headers and bookkeeping.
        var cost: Int { body.count + 512 }

        var reply: (HTTPResponse, HTTPBody?) {
            (HTTPResponse(status: status, headerFields: headers), HTTPBody(body))
        }
    }

    /// Hits and misses since start, for tests and the log.
    struct Counts: Sendable, Equatable {
        var hits = 0
        var misses = 0
    }

    /// How a computation ended, for the readers waiting on it.
    private enum Outcome: Sendable {
        /// A 200 to share (kept too, unless too large for the budget).
        case shared(Stored)
        /// Another answer, or an error (a 404, say): each reader works out its own.
        case notShared
        /// Its reader went away: the waiters look again, and one of them computes.
        case failed
    }

    private struct Entry {
        let stored: Stored
        var lastUse: UInt64
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var counts = Counts()
        /// Keys being computed, with the requests waiting for the result.
        var filling: [Key: [CheckedContinuation<Outcome, Never>]] = [:]
    }

    /// The most bytes kept (bodies plus a per-entry allowance); 0 turns the cache off.
    let budget: Int
    private let state = NIOLockedValueBox(State())
    private let metrics: CacheMetrics?

    init(budget: Int, metrics: CacheMetrics? = nil) {
        self.budget = budget
        self.metrics = metrics
    }

    var counts: Counts { state.withLockedValue { $0.counts } }
    /// What the kept entries cost, as counted against the budget.
    var storedBytes: Int { state.withLockedValue { $0.bytes } }

    /// As below, sent in `coding`: compressed from the answer kept as the handler gave it, so
    /// a reader asking for another coding never works the answer out again. Each form is kept.
    func response(
        for key: Key, at version: DataVersion, in coding: ContentCoding?,
        compute: () async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let coding else { return try await response(for: key, at: version, compute: compute) }
        var encoded = key
        encoded.coding = coding
        return try await response(for: encoded, at: version) {
            let (response, body) = try await self.response(for: key, at: version, compute: compute)
            return try await coding.compressed(response, body)
        }
    }

    /// The response to `key` for a request that read `version`: the stored one when it was
    /// worked out at that version or a later one, else `compute()`'s, kept for the next reader
    /// when it succeeded.
    func response(
        for key: Key, at version: DataVersion,
        compute: () async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard budget > 0 else { return try await compute() }
        while true {
            switch lookUp(key, at: version) {
            case .hit(let stored):
                return stored.reply
            case .wait:
                // Another request is working this key out. Its answer serves every reader who
                // arrived before the next change; readers who arrived after one wait for the
                // next computation rather than all starting their own.
                switch await result(of: key) {
                case .shared(let stored) where stored.version >= version:
                    return stored.reply
                case .notShared:
                    return try await compute()  // nothing to share, so no queue either
                case .shared, .failed:
                    continue
                }
            case .compute:
                return try await computeAndKeep(key, at: version, compute)
            }
        }
    }

    private func computeAndKeep(
        _ key: Key, at version: DataVersion, _ compute: () async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var outcome: Outcome?
        // A computation that threw answers each waiter with its own (a missing record is a thrown
        // 404), unless its reader went away: then the waiters were not told anything, and look again.
        defer { finish(key, with: outcome ?? (Task.isCancelled ? .failed : .notShared)) }
        let (response, body) = try await compute()
        guard response.status == .ok else {
            outcome = .notShared
            return (response, body)
        }
        var bytes: [UInt8] = []
        if let body { bytes = try await [UInt8](collecting: body, upTo: .max) }
        let computed = Stored(version: version, status: response.status, headers: response.headerFields, body: bytes)
        outcome = .shared(computed)
        return computed.reply
    }

    // MARK: - State

    private enum LookUp {
        case hit(Stored)
        case wait
        case compute
    }

    private func lookUp(_ key: Key, at version: DataVersion) -> LookUp {
        state.withLockedValue { state in
            state.clock += 1
            if let entry = state.entries[key], entry.stored.version >= version {
                state.entries[key]?.lastUse = state.clock
                state.counts.hits += 1
                metrics?.hits.increment()
                return .hit(entry.stored)
            }
            state.counts.misses += 1
            metrics?.misses.increment()
            if state.filling[key] != nil { return .wait }
            state.filling[key] = []
            return .compute
        }
    }

    /// How the computation under way for `key` ends; `.failed` if it ended before this reader
    /// could wait, so that it looks again.
    private func result(of key: Key) async -> Outcome {
        await withCheckedContinuation { continuation in
            let waiting = state.withLockedValue { state in
                guard state.filling[key] != nil else { return false }
                state.filling[key]?.append(continuation)
                return true
            }
            if !waiting { continuation.resume(returning: .failed) }
        }
    }

    private func finish(_ key: Key, with outcome: Outcome) {
        let waiting = state.withLockedValue { state in
            let waiting = state.filling.removeValue(forKey: key) ?? []
            if case .shared(let stored) = outcome, stored.cost <= budget / 4 {
                state.clock += 1
                if let replaced = state.entries.updateValue(Entry(stored: stored, lastUse: state.clock), forKey: key) {
                    state.bytes -= replaced.stored.cost
                }
                state.bytes += stored.cost
                if state.bytes > budget {
                    let evicted = Self.evict(&state, toFit: budget / 4 * 3)
                    metrics?.evictions.increment(by: evicted)
                }
                metrics?.bytes.set(state.bytes)
                metrics?.entries.set(state.entries.count)
            }
            return waiting
        }
        for continuation in waiting { continuation.resume(returning: outcome) }
    }

    /// Drops the least recently used entries until the rest fit in `limit`; a quarter of the
    /// budget is freed at a time, so the sort is paid once per many insertions.
    /// Returns how many entries went.
    private static func evict(_ state: inout State, toFit limit: Int) -> Int {
        let oldestFirst = state.entries.sorted { $0.value.lastUse < $1.value.lastUse }
        var evicted = 0
        for (key, entry) in oldestFirst where state.bytes > limit {
            state.entries[key] = nil
            state.bytes -= entry.stored.cost
            evicted += 1
        }
        return evicted
    }
}
