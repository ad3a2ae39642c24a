import Foundation
import Hummingbird

/// The OpenAPI runtime writes header values percent-encoded (URI "simple" style), which turns
/// the ETag `"3"` into `%223%22`. HTTP wants the quoted string itself, so it is restored here.
struct EntityTagHeaderMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        if let tag = response.headers[.eTag], tag.contains("%"), let decoded = tag.removingPercentEncoding {
            response.headers[.eTag] = decoded
        }
        return response
    }
}
