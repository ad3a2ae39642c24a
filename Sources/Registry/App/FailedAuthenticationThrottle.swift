import Foundation
import HTTPTypes
import Hummingbird

/// Counts failed authentications per address over a sliding minute.
actor FailedAuthenticationThrottle {
    let limit: Int
    let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(limit: Int = 10, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    func recordFailure(_ address: String, at now: Date = Date()) {
        failures[address, default: []].append(now)
        if failures.count > 10_000 { prune(now: now) }  // keeps memory bounded under a spray of addresses
    }

    /// Seconds to wait when the address has failed too often, else nil.
    func retryAfter(_ address: String, at now: Date = Date()) -> Int? {
        let recent = (failures[address] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[address] = recent.isEmpty ? nil : recent
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
    }

    private func prune(now: Date) {
        failures = failures.compactMapValues { dates in
            let recent = dates.filter { now.timeIntervalSince($0) < window }
            return recent.isEmpty ? nil : recent
        }
    }
}
