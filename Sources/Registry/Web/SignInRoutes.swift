import Foundation
import Hummingbird

/// The way in for people: the sign-in page, the start of a sign-in with a provider, the
/// provider's redirect back, and signing out.
struct SignInRoutes: Sendable {
    let service: SignInService
    let pages: PageRenderer
    let cookies: BrowserCookies
    let store: RegistryStore

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/sign-in") { request, _ in showSignIn(returnTo: request.uri.queryParameters.get("return_to")) }
        router.get("/sign-in/:provider") { request, context in
            try await start(context.parameters.require("provider"), returnTo: request.uri.queryParameters.get("return_to"))
        }
        router.get("/sign-in/:provider/callback") { request, context in
            try await finish(context.parameters.require("provider"), request: request)
        }
        router.post("/sign-out") { _, _ in try await signOut() }
        router.get("/signed-out") { _, _ in
            pages.page("signed-out", title: "You have signed out", ["hideSignInLink": true])
        }
    }

    private func showSignIn(returnTo: String?) -> Response {
        let query = returnTo.map { "?return_to=" + FormEncoding.encode(SignInService.safeReturn($0)) } ?? ""
        let providers: [[String: Any]] = service.providers.map {
            ["id": $0.id, "displayName": $0.displayName, "isDevelopment": $0.isDevelopment, "returnQuery": query]
        }
        return pages.page("sign-in", title: "Sign in", ["providers": providers, "hasProviders": !providers.isEmpty, "hideSignInLink": true])
    }

    private func start(_ provider: String, returnTo: String?) async throws -> Response {
        do {
            let (url, browser) = try await service.start(provider, returnTo: returnTo ?? "/manage")
            var response = PageRenderer.redirect(to: url.absoluteString)
            response.setCookie(cookies.signIn(browser))
            return response
        } catch let failure as SignInFailure {
            return problem(failure)
        }
    }

    private func finish(_ provider: String, request: Request) async throws -> Response {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        do {
            let signedIn = try await service.finish(
                provider, browser: cookies.secret(cookies.signInName, in: request), query: query)
            var response = PageRenderer.redirect(to: signedIn.returnTo)
            response.setCookie(cookies.session(signedIn.secret, lifetimeSeconds: service.timeouts.absoluteSeconds))
            response.setCookie(cookies.expired(cookies.signInName))
            return response
        } catch let failure as SignInFailure {
            var response = problem(failure)
            response.setCookie(cookies.expired(cookies.signInName))
            return response
        }
    }

    /// Ends the session everywhere it could be used: the row is ended, and the cookie cleared.
    private func signOut() async throws -> Response {
        if let session = BrowserSession.ofThisRequest {
            try await store.sessions.end(session, caller: Caller.ofThisRequest)
        }
        var response = PageRenderer.redirect(to: "/signed-out")
        response.setCookie(cookies.expired(cookies.sessionName))
        return response
    }

    /// A page saying what went wrong in words, and what to do; never the technical reason,
    /// which is in the audit trail.
    private func problem(_ failure: SignInFailure) -> Response {
        let (status, heading, paragraphs): (HTTPResponse.Status, String, [String])
        switch failure {
        case .unknownPerson(let email):
            status = .forbidden
            heading = "You do not have access to the registry yet"
            paragraphs = [
                "You signed in\(email.map { " as \($0)" } ?? ""), but nobody has given that account access to the registry.",
                "Access is given by invitation, to the address you sign in with.",
            ]
        case .suspended:
            status = .forbidden
            heading = "Your access to the registry is suspended"
            paragraphs = ["An administrator has suspended your access. Your records are kept."]
        case .notAllowed:
            status = .forbidden
            heading = "This account cannot sign in here"
            paragraphs = ["This sign-in option is only for some organisations' accounts. Sign in with your work account, or with another option."]
        case .emailNotVerified:
            status = .forbidden
            heading = "Your e-mail address could not be confirmed"
            paragraphs = ["Your provider did not confirm your e-mail address, so the registry cannot match you to your invitation."]
        case .providerUnavailable:
            status = .badGateway
            heading = "Sorry, signing in is not working at the moment"
            paragraphs = ["The sign-in service did not answer as expected. Try again in a few minutes."]
        case .unknownProvider:
            status = .notFound
            heading = "Page not found"
            paragraphs = ["There is no such way to sign in. Go back to the sign-in page and choose one of its options."]
        case .providerRefused, .notThisBrowser, .invalidToken:
            status = .badRequest
            heading = "Sorry, you could not be signed in"
            paragraphs = [
                "The sign-in was cancelled, took too long, or did not come from this browser. Nothing has changed.",
                "Start again from the sign-in page.",
            ]
        }
        return pages.page(
            "sign-in-problem", title: heading, ["heading": heading, "paragraphs": paragraphs, "hideSignInLink": true],
            status: status)
    }
}
