import Hummingbird

/// Refuses bodies over the limit before any of them is decoded, declared length or not.
struct RequestBodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    static var defaultLimit: Int { 1024 * 1024 }
    let limit: Int

    init(limit: Int = Self.defaultLimit) {
        self.limit = limit
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw HTTPError(.contentTooLarge)
        }
        var request = request
        _ = try await request.collectBody(upTo: limit)
        return try await next(request, context)
    }
}
