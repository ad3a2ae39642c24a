import Foundation
import HTTPTypes
import Hummingbird

/// Reads the bearer token, if any, and runs the rest of the request as that caller.
///
/// No `Authorization` header means an anonymous caller, who may read public records. A header
/// that is not a live token of ours is a 401, never a silent downgrade to anonymous, and
/// repeated failures from one address are slowed down with 429.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = RegistryRequestContext

    let identities: IdentityStore
    let throttle: FailedAuthenticationThrottle

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let header = request.headers[.authorization] else {
            return try await Caller.$ofThisRequest.withValue(.anonymous) { try await next(request, context) }
        }
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        if let wait = await throttle.retryAfter(address) {
            throw AuthenticationFailure.throttled(retryAfter: wait)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            await throttle.recordFailure(address)
            throw AuthenticationFailure.malformed
        }
        guard let (caller, version) = try await identities.authenticate(BearerToken(value: String(parts[1]))) else {
            await throttle.recordFailure(address)
            throw AuthenticationFailure.invalidToken
        }
        return try await Caller.$ofThisRequest.withValue(caller) {
            try await DataVersion.$atRequestStart.withValue(version) { try await next(request, context) }
        }
    }
}

/// Why a request's credentials were refused; mapped to 401 or 429 by `ProblemMapping`.
enum AuthenticationFailure: Error, Equatable {
    case malformed
    case invalidToken
    case throttled(retryAfter: Int)
}

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
