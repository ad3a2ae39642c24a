import Foundation

/// Counts failed authentications over a sliding window, per key: a client address, or the
/// first characters of a token presented again and again. Holds at most `capacity` keys, so a
/// spray of addresses cannot grow it without bound.
actor FailedAuthenticationThrottle {
    let limit: Int
    let window: TimeInterval
    let capacity: Int
    private var failures: [String: [Date]] = [:]

    init(limit: Int = 10, window: TimeInterval = 60, capacity: Int = 10_000) {
        self.limit = limit
        self.window = window
        self.capacity = capacity
    }

    var keys: Int { failures.count }

    /// Addresses and token prefixes refused now, for having failed `limit` times in the window.
    var limitedKeys: Int {
        let now = Date()
        return failures.values.count { dates in dates.filter { now.timeIntervalSince($0) < window }.count >= limit }
    }

    func recordFailure(_ key: String, at now: Date = Date()) {
        var recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        recent.append(now)
        // Only the last `limit` failures decide anything.
        failures[key] = Array(recent.suffix(limit))
        if failures.count > capacity { evict(now: now) }
    }

    /// Seconds to wait when `key` has failed too often, else nil.
    func retryAfter(_ key: String, at now: Date = Date()) -> Int? {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
    }

    /// Forgets expired failures, then, if still over capacity, the keys that failed longest ago.
    private func evict(now: Date) {
        failures = failures.compactMapValues { dates in
            let recent = dates.filter { now.timeIntervalSince($0) < window }
            return recent.isEmpty ? nil : recent
        }
        guard failures.count > capacity else { return }
        let oldestFirst = failures.sorted { ($0.value.last ?? now) < ($1.value.last ?? now) }
        for (key, _) in oldestFirst.prefix(failures.count - capacity * 9 / 10) { failures[key] = nil }
    }
}
