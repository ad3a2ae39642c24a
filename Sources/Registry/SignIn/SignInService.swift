import CoreMetrics
import Foundation
import Logging
import Metrics

/// Signing people in, independent of HTTP: `start` says where to send the browser and what it
/// must keep; `finish` checks what the provider sent back and opens a session, or says why not.
/// Every outcome is audited.
struct SignInService: Sendable {
    let clients: [String: OpenIDClient]
    let providers: [OpenIDProvider]
    let store: RegistryStore
    /// The address the registry is reached at, for the redirect URI.
    let publicURL: URL
    let timeouts: SessionTimeouts
    /// Failed sign-ins by kind, when the server measures.
    private let failures: LabelledMetrics<Counter>?

    init(
        providers: [OpenIDProvider], store: RegistryStore, publicURL: URL, timeouts: SessionTimeouts,
        metrics: (any MetricsFactory)? = nil
    ) {
        failures = metrics.map { factory in
            LabelledMetrics("kind") { Counter(label: "csc_registry_sign_in_failures_total", dimensions: $0, factory: factory) }
        }
        self.providers = providers
        clients = Dictionary(uniqueKeysWithValues: providers.map { ($0.id, OpenIDClient(provider: $0)) })
        self.store = store
        self.publicURL = publicURL
        self.timeouts = timeouts
    }

    /// A new sign-in with `providerID`: the provider's address to send the browser to, and the
    /// secret the browser keeps in its sign-in cookie until it comes back.
    func start(_ providerID: String, returnTo: String) async throws -> (URL, BrowserSecret) {
        guard let client = clients[providerID] else { throw SignInFailure.unknownProvider(providerID) }
        let browser = BrowserSecret.generate()
        let pkce = PKCE.generate()
        let attempt = SessionStore.Attempt(
            provider: providerID, state: RandomText.make(bytes: 24), nonce: RandomText.make(bytes: 24),
            codeVerifier: pkce.verifier, returnTo: Self.safeReturn(returnTo))
        let url = try await client.authorizationURL(
            redirectURI: client.provider.redirectURI(publicURL: publicURL), state: attempt.state, nonce: attempt.nonce, pkce: pkce)
        try await store.sessions.begin(attempt, browser: browser)
        return (url, browser)
    }

    struct SignedIn: Sendable {
        var secret: BrowserSecret
        var session: BrowserSession
        var person: Person
        var returnTo: String
    }

    /// Checks the callback (`state`, `code` or `error`) against the attempt this browser started,
    /// exchanges the code, checks the ID token, finds the person and opens their session. A
    /// failure is audited before it is thrown.
    func finish(_ providerID: String, browser: BrowserSecret?, query: [String: String]) async throws -> SignedIn {
        do {
            return try await checkAndOpen(providerID, browser: browser, query: query)
        } catch let failure as SignInFailure {
            failures?[failure.kind].increment()
            try await store.sessions.recordFailure(failure.reason, provider: providerID)
            throw failure
        }
    }

    private func checkAndOpen(_ providerID: String, browser: BrowserSecret?, query: [String: String]) async throws -> SignedIn {
        guard let client = clients[providerID] else { throw SignInFailure.unknownProvider(providerID) }
        guard let browser, browser.isWellFormed else { throw SignInFailure.notThisBrowser("no sign-in cookie") }
        // Taken whatever happens next: a callback is used once.
        guard let attempt = try await store.sessions.take(browser: browser) else {
            throw SignInFailure.notThisBrowser("no sign-in under way, or it was used or is too old")
        }
        guard attempt.provider == providerID else { throw SignInFailure.notThisBrowser("the sign-in began with another provider") }
        guard let state = query["state"] else { throw SignInFailure.notThisBrowser("no state") }
        guard state == attempt.state else { throw SignInFailure.notThisBrowser("the state is another sign-in's") }
        if let error = query["error"] {
            throw SignInFailure.providerRefused([error, query["error_description"]].compactMap { $0 }.joined(separator: ": "))
        }
        guard let code = query["code"], !code.isEmpty else { throw SignInFailure.providerRefused("no authorization code") }
        let provider = client.provider
        let claims = try await client.signIn(
            code: code, pkce: PKCE(verifier: attempt.codeVerifier), nonce: attempt.nonce,
            redirectURI: provider.redirectURI(publicURL: publicURL))
        let email = try Self.allowedEmail(claims, provider: provider)
        guard let person = try await store.people.match(
            issuer: claims.issuer, subject: claims.subject, provider: providerID, verifiedEmail: email)
        else { throw SignInFailure.unknownPerson(email: email ?? claims.email) }
        guard person.state == .active else { throw SignInFailure.suspended(name: person.name) }
        let (secret, session) = try await store.sessions.open(for: person, provider: providerID, timeouts: timeouts)
        return SignedIn(secret: secret, session: session, person: person, returnTo: attempt.returnTo)
    }

    /// The provider's limits on who may sign in, then the e-mail address an invitation may be
    /// matched by: only one the provider vouches for.
    static func allowedEmail(_ claims: IDTokenClaims, provider: OpenIDProvider) throws -> String? {
        if !provider.tenants.isEmpty {
            guard let tenant = claims.tenant?.lowercased(), provider.tenants.contains(tenant) else {
                throw SignInFailure.notAllowed("tenant \(claims.tenant ?? "(none)") is not one this provider signs in")
            }
        }
        let verified = claims.emailVerified == true || (provider.trustsEmail && claims.emailVerified != false)
        let email = claims.email.map { $0.lowercased() }
        if !provider.emailDomains.isEmpty {
            guard let email, verified, let domain = email.split(separator: "@").last.map(String.init),
                provider.emailDomains.contains(domain)
            else {
                throw SignInFailure.notAllowed("\(email ?? "no e-mail address") is not at a domain this provider signs in")
            }
        }
        return verified ? email : nil
    }

    /// Only a path on this site, so a sign-in link cannot send someone elsewhere afterwards.
    static func safeReturn(_ path: String) -> String {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\"), !path.contains("\n"), path.count < 500,
            !path.hasPrefix("/sign-in")
        else { return "/manage" }
        return path
    }
}
