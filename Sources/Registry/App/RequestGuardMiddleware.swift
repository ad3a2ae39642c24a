import Foundation
import Hummingbird

/// Refuses, before anything is decoded, what no handler should ever see: a replace or delete
/// that names no version, bodies over the limit (declared or not) and the NUL character, which
/// PostgreSQL cannot store in text.
struct RequestGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int

    init(limit: Int = RequestLimits.bodyBytes) {
        self.limit = limit
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        // Every replace and delete of a record names the version it read (openapi.yaml requires
        // it); refused here with 428, which says what to do, rather than as an unreadable request.
        if request.method == .put || request.method == .delete, request.uri.path.hasPrefix("/api/v1/"),
            !request.uri.path.hasPrefix("/api/v1/admin/"), !request.uri.path.hasPrefix("/api/v1/account/"),
            request.headers[.ifMatch] == nil
        {
            throw RegistryError.preconditionRequired
        }
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw HTTPError(.contentTooLarge)
        }
        for item in URLComponents(string: request.uri.description)?.queryItems ?? [] {
            if item.name.contains("\u{0}") || (item.value ?? "").contains("\u{0}") {
                throw RegistryError.malformed([.init(field: item.name, message: "must not contain the NUL character")])
            }
        }
        var request = request
        let body = try await request.collectBody(upTo: limit)
        // JSON spells NUL as the escape \u0000 (any case); a raw NUL byte is invalid JSON anyway.
        if body.readableBytesView.contains(0) || String(buffer: body).range(of: "\\u0000", options: .caseInsensitive) != nil {
            throw RegistryError.malformed([.init(field: "body", message: "must not contain the NUL character")])
        }
        return try await next(request, context)
    }
}
