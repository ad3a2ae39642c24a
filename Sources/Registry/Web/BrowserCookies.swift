import Foundation
import Hummingbird

/// The registry's two cookies: the session, and a sign-in under way. Both HttpOnly and
/// SameSite=Lax (the provider's redirect back is a top-level navigation, which Lax allows).
/// Over TLS they are `__Host-` cookies, Secure, for this host and path `/` only; a plain-HTTP
/// development server cannot set Secure cookies, so there they go without the prefix.
struct BrowserCookies: Sendable {
    let secure: Bool

    var sessionName: String { secure ? "__Host-csc-session" : "csc-session" }
    var signInName: String { secure ? "__Host-csc-sign-in" : "csc-sign-in" }

    func session(_ secret: BrowserSecret, lifetimeSeconds: Int) -> Cookie {
        cookie(sessionName, secret.value, maxAge: lifetimeSeconds)
    }

    func signIn(_ secret: BrowserSecret) -> Cookie { cookie(signInName, secret.value, maxAge: 600) }

    func expired(_ name: String) -> Cookie { cookie(name, "", maxAge: 0) }

    /// The secret in the request's cookie of that name, if any.
    func secret(_ name: String, in request: Request) -> BrowserSecret? {
        request.cookies[name].map { BrowserSecret(value: $0.value) }
    }

    private func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
