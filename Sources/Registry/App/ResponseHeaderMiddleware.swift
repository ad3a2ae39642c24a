import Foundation
import HTTPTypes
import Hummingbird

/// The OpenAPI runtime writes header values percent-encoded (URI "simple" style), which turns
/// the ETag `"3"` into `%223%22` and `attachment; filename="a.csv"` into `attachment%3B...`.
/// HTTP wants the values themselves, so they are restored here.
struct ResponseHeaderMiddleware<Context: RequestContext>: RouterMiddleware {
    static var restored: [HTTPField.Name] { [.eTag, .contentDisposition] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        for name in Self.restored {
            if let value = response.headers[name], value.contains("%"), let decoded = value.removingPercentEncoding {
                response.headers[name] = decoded
            }
        }
        return response
    }
}
