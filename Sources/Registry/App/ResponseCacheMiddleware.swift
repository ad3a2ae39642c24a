import Foundation
import HTTPTypes
import NIOCore
import OpenAPIRuntime

/// Serves repeated reads from the `ResponseCache` when the database has not changed since.
///
/// Signed-in requests learned the registry's data version in the token lookup; anonymous ones
/// read it here. Either way a cached read costs one round trip, as `/health` does.
struct ResponseCacheMiddleware: ServerMiddleware {
    let cache: ResponseCache
    let store: RegistryStore

    /// Reads whose answer is a function of the registry's data, the caller and the day. Health
    /// must really ask the database, exports are too large to keep, and the token list shows
    /// each token's last use, which `registry_version` does not follow.
    static func caches(_ operationID: String) -> Bool {
        (operationID.hasPrefix("get") || operationID.hasPrefix("list")) && operationID != "getHealth"
            && operationID != "listTokens"
    }

    /// What the reader accepts, with no `Accept` taken as `*/*`, which is what it means: clients
    /// differ in whether they send it (curl does, wrk does not), and should share one answer.
    static func accepted(_ request: HTTPRequest) -> String {
        let accept = request.headerFields[.accept] ?? ""
        return accept.isEmpty ? "*/*" : accept
    }

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        // A conditional request is the handler's to answer with 304; `Cache-Control: no-cache`
        // asks for the answer to be worked out afresh.
        // Unsuppressed statistics are audited on every read, so never answered from the cache.
        guard cache.budget > 0, request.method == .get, Self.caches(operationID), request.headerFields[.ifNoneMatch] == nil,
            request.headerFields[.cacheControl]?.contains("no-cache") != true, request.path?.contains("suppression") != true
        else {
            return try await next(request, body, metadata)
        }
        let version = if let known = DataVersion.atRequestStart { known } else { try await store.dataVersion() }
        let key = ResponseCache.Key(
            reader: Caller.ofThisRequest.userID?.uuidString ?? "anonymous",
            request: "\(request.path ?? "")\n\(Self.accepted(request))\n\(CalendarDate.today())")
        return try await cache.response(
            for: key, at: version, in: ContentCoding.preferred(accepting: request.headerFields[.acceptEncoding])
        ) {
            try await next(request, body, metadata)
        }
    }
}
