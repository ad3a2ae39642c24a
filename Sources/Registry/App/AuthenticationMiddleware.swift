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
