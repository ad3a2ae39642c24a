import CoreMetrics
import Foundation
import HTTPTypes
import Hummingbird

/// Reads the bearer token, if any, and runs the rest of the request as that caller. It runs
/// before any body is read, so a write from someone who may not write is refused unread.
///
/// Without an `Authorization` header, a live session cookie signs the request in as its person
/// (`BrowserSession.ofThisRequest` is then set too); with neither, the caller is anonymous and
/// may read public records. A header that is not a live token of ours is a 401, never a silent downgrade to anonymous. Failures are
/// counted per client address and per token prefix; past the limit an invalid credential gets
/// 429, but a valid token is never refused for what others did from the same address.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = RegistryRequestContext

    let store: RegistryStore
    let throttle: FailedAuthenticationThrottle
    let metrics: RegistryMetrics?
    /// Proxies whose forwarding headers name the client (`TRUSTED_PROXIES`).
    let trustedProxies: [AddressRange]
    let cookies: BrowserCookies
    let sessionTimeouts: SessionTimeouts

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let header = request.headers[.authorization] else {
            // A session cookie that has ended or timed out reads as anonymous: public pages and
            // records stay readable, and signed-in pages send the person to sign in again.
            if let secret = cookies.secret(cookies.sessionName, in: request),
                let (caller, session, version) = try await store.sessions.authenticate(secret, timeouts: sessionTimeouts)
            {
                context.observation.signed(by: caller, with: "session")
                try Self.requireWriter(caller, for: request)
                return try await Caller.$ofThisRequest.withValue(caller) {
                    try await BrowserSession.$ofThisRequest.withValue(session) {
                        try await DataVersion.$atRequestStart.withValue(version) { try await next(request, context) }
                    }
                }
            }
            context.observation.signed(by: .anonymous, with: nil)
            try Self.requireWriter(.anonymous, for: request)
            return try await Caller.$ofThisRequest.withValue(.anonymous) { try await next(request, context) }
        }
        let address = ClientAddress.resolve(
            peer: context.remoteAddress?.ipAddress, headers: request.headers, trusted: trustedProxies)
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            try await refuse(.malformed, keys: ["address \(address)"])
        }
        let token = BearerToken(value: String(parts[1]))
        guard let (caller, version) = try await store.identities.authenticate(token) else {
            try await refuse(.invalidToken, keys: ["address \(address)", "token \(token.hint)"])
        }
        context.observation.signed(by: caller, with: "token")
        try Self.requireWriter(caller, for: request)
        return try await Caller.$ofThisRequest.withValue(caller) {
            try await DataVersion.$atRequestStart.withValue(version) { try await next(request, context) }
        }
    }

    /// Refuses, with 429 once any key had reached its limit before this failure, and counts it.
    private func refuse(_ failure: AuthenticationFailure, keys: [String]) async throws -> Never {
        var wait: Int?
        for key in keys {
            if let seconds = await throttle.retryAfter(key) { wait = max(wait ?? 0, seconds) }
            await throttle.recordFailure(key)
        }
        metrics?.authenticationFailures[failure == .malformed ? "malformed" : "invalid_token"].increment()
        if let wait {
            metrics?.throttledRequests.increment()
            throw AuthenticationFailure.throttled(retryAfter: wait)
        }
        throw failure
    }

    /// Anonymous callers and the read-only roles learn nothing from a write's body: it is
    /// refused before it is read or judged.
    static func requireWriter(_ caller: Caller, for request: Request) throws {
        // Everyone signed in manages their own tokens under /account.
        guard request.method != .get, request.method != .head, request.method != .options,
            request.uri.path.hasPrefix("/api/v1/"), !request.uri.path.hasPrefix("/api/v1/account/")
        else {
            if request.uri.path.hasPrefix("/api/v1/account/"), caller.role == .anonymous, request.method != .get {
                throw RegistryError.signInRequired
            }
            return
        }
        switch caller.role {
        case .anonymous:
            throw RegistryError.signInRequired
        case .networkMember, .nationalAnalyst:
            throw RegistryError.forbidden("Network members and national analysts read the registry; they do not change it.")
        case .admin, .authorityEditor:
            return
        }
    }
}
