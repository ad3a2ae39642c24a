import HTTPTypes
import Hummingbird

/// Headers every response carries, errors included, so a browser never sniffs a type, leaks
/// the address it came from, frames a page, or runs a script or style from anywhere else.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Sent only when the server is reached over HTTPS (`PUBLIC_URL`), as browsers would
    /// otherwise refuse a plain-HTTP development server for a year.
    let strictTransportSecurity: Bool

    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "strict-origin-when-cross-origin"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
            response.headers[.xFrameOptions] = "DENY"
        }
        if strictTransportSecurity {
            response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        }
        return response
    }
}

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
}
