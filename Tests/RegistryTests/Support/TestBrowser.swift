import Foundation
import HTTPTypes

@testable import Registry

/// A browser's part in signing in, against the registry under test and the real development
/// provider: it keeps the registry's cookies and follows each redirect itself.
struct TestBrowser {
    let registry: TestRegistry
    var cookies: [String: String] = [:]

    init(_ registry: TestRegistry) {
        self.registry = registry
    }

    /// A request with this browser's cookies; the answer's cookies are kept (or dropped when expired).
    @discardableResult
    mutating func send(
        _ method: HTTPRequest.Method, _ path: String, form: [(String, String)]? = nil, json: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = headers
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        var body = json
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = FormEncoding.encode(form)
        }
        let reply = try await registry.send(method, path, json: body, headers: headers, as: .anonymous, ifMatch: nil)
        for header in reply.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let (name, value) = (String(pair[0]), pair.count > 1 ? String(pair[1]) : "")
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return reply
    }

    mutating func get(_ path: String) async throws -> Reply { try await send(.get, path) }

    /// Starts a sign-in: the provider's authorization address the registry redirects to.
    mutating func startSignIn(returnTo: String? = nil) async throws -> String {
        let reply = try await get("/sign-in/\(TestOpenIDProvider.providerID)" + (returnTo.map { "?return_to=\($0)" } ?? ""))
        guard reply.status == 303, let location = reply.headers[.location] else {
            throw TestFailure("sign-in did not start: \(reply.status) \(reply.body)")
        }
        return location
    }

    /// The registry's callback address the provider sends the browser back to, as a path.
    static func callbackPath(_ url: URL) -> String {
        url.path + (url.query.map { "?" + $0 } ?? "")
    }

    /// Signs in as `subject` all the way; returns the registry's answer to the callback.
    mutating func signIn(as subject: String, returnTo: String? = nil) async throws -> Reply {
        let authorization = try await startSignIn(returnTo: returnTo)
        let callback = try await TestOpenIDProvider.approve(authorization, as: subject)
        return try await get(Self.callbackPath(callback))
    }

    /// The CSRF token on a page this browser opens.
    mutating func csrfToken(on path: String = "/account") async throws -> String {
        let page = try await get(path)
        guard let match = page.body.firstMatch(of: /name="csrf_token" value="([^"]+)"/) else {
            throw TestFailure("no CSRF token on \(path): \(page.status)")
        }
        return String(match.output.1)
    }
}
