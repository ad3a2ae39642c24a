import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Refuses a change made with a session cookie unless it comes from the registry's own pages:
/// the browser's `Sec-Fetch-Site` (or, from older browsers, `Origin`) must say this site, and
/// the session's CSRF token must come back in the form's `csrf_token` field or an
/// `X-CSRF-Token` header. Bearer tokens are never sent by browsers on their own, so they pass.
struct CrossSiteRequestMiddleware: RouterMiddleware {
    typealias Context = RegistryRequestContext

    /// The registry's origin when `PUBLIC_URL` is set; otherwise the request's own host.
    let publicOrigin: String?
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let session = BrowserSession.ofThisRequest,
            ![.get, .head, .options].contains(request.method)
        else { return try await next(request, context) }
        var request = request
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let isForm = contentType.hasPrefix("application/x-www-form-urlencoded") || contentType.hasPrefix("multipart/form-data")
        guard fromThisSite(request) else { return try refuse(isForm, why: "came from another website") }
        var token = request.headers[.xCSRFToken]
        if token == nil, isForm {
            token = try await WebForm.read(&request).fields["csrf_token"]
        }
        guard let token, Self.same(token, session.csrfToken) else { return try refuse(isForm, why: "is out of date") }
        return try await next(request, context)
    }

    private func fromThisSite(_ request: Request) -> Bool {
        if let site = request.headers[.secFetchSite] { return site == "same-origin" || site == "none" }
        guard let origin = request.headers[.origin] else { return true }
        if let publicOrigin { return origin == publicOrigin }
        guard let authority = request.head.authority else { return false }
        return origin == "http://\(authority)" || origin == "https://\(authority)"
    }

    /// Compared in constant time, so the token cannot be guessed a character at a time.
    private static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func refuse(_ isForm: Bool, why: String) throws -> Response {
        guard isForm else {
            throw RegistryError.forbidden(
                "A change made with a session cookie needs the page's CSRF token and must come from this site; this request \(why).")
        }
        return pages.page(
            "problem", title: "Sorry, that did not work",
            [
                "heading": "Sorry, that did not work",
                "paragraphs": ["The form you sent \(why). Nothing has been changed.", "Go back, reload the page and try again."],
                "link": ["href": "/account", "text": "Go to your account"],
            ],
            status: .forbidden)
    }
}

extension HTTPField.Name {
    static let secFetchSite = Self("Sec-Fetch-Site")!
    static let xCSRFToken = Self("X-CSRF-Token")!
}
