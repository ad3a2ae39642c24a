import Foundation
import HTTPTypes
import PostgresNIO
import Testing

@testable import Registry

/// Signing in through the real development provider (oidc-provider-mock), sessions, sign-out,
/// and everything that must refuse a sign-in or a change made with a session.
@Suite struct SignInTests {
    /// An invited editor and the provider account that will sign in as them.
    static func invitedEditor(_ registry: TestRegistry, verified: Bool = true) async throws -> (subject: String, email: String, id: String) {
        let subject = "editor-\(UUID().uuidString.prefix(8).lowercased())"
        let email = "\(subject)@hartlepool.example"
        try await TestOpenIDProvider.addAccount(subject, email: email, verified: verified, name: "Jo Smith")
        let id = try await registry.create(
            "/api/v1/admin/people", #"{"name": "Jo Smith", "email": "\#(email.uppercased())", "role": "authority_editor", "authority": "E06000001"}"#)
        return (subject, email, id)
    }

    /// A browser signed in as an editor of Leeds, an authority with no part in the fixtures' pilots.
    static func signedInLeedsEditor(_ registry: TestRegistry) async throws -> TestBrowser {
        let subject = "outsider-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestOpenIDProvider.addAccount(subject, email: "\(subject)@leeds.example")
        _ = try await registry.create(
            "/api/v1/admin/people",
            #"{"name": "Leeds editor", "email": "\#(subject)@leeds.example", "role": "authority_editor", "authority": "E08000035"}"#)
        var browser = TestBrowser(registry)
        _ = try await browser.signIn(as: subject)
        return browser
    }

    /// A browser signed in as a DfE analyst, who reads but never edits.
    static func signedInAnalyst(_ registry: TestRegistry) async throws -> TestBrowser {
        let subject = "analyst-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestOpenIDProvider.addAccount(subject, email: "\(subject)@education.example")
        _ = try await registry.create(
            "/api/v1/admin/people", #"{"name": "An analyst", "email": "\#(subject)@education.example", "role": "national_analyst"}"#)
        var browser = TestBrowser(registry)
        _ = try await browser.signIn(as: subject)
        return browser
    }

    static func audited(_ registry: TestRegistry, _ action: String) async throws -> Int {
        try await registry.count("audit_events", where: "action = '\(action)'")
    }

    @Test func anInvitedEditorSignsInSeesTheirAccountAndSignsOutEverywhere() async throws {
        try await TestRegistry.run { registry in
            let editor = try await Self.invitedEditor(registry)
            var browser = TestBrowser(registry)
            let back = try await browser.signIn(as: editor.subject, returnTo: "/account")
            #expect(back.status == 303 && back.headers[.location] == "/account", "\(back.status) \(back.body)")
            let cookie = try #require(back.headers[values: .setCookie].first { $0.hasPrefix("csc-session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(browser.cookies["csc-sign-in"] == nil)

            let account = try await browser.get("/account")
            #expect(account.status == 200)
            #expect(account.body.contains("Jo Smith") && account.body.contains("Hartlepool (E06000001)"))
            // The invitation is now bound to the provider's subject, and the person active.
            let person = try await registry.get("/api/v1/admin/people/\(editor.id)").json
            #expect(person["state"] as? String == "active" && person["providers"] as? [String] == ["dev"])
            #expect(try await Self.audited(registry, "sign_in") == 1)

            // The same session reads the API as the editor, and pages carry no-store.
            let me = try await browser.get("/api/v1/account")
            #expect(try me.string("email") == editor.email.uppercased() && account.headers[.cacheControl] == "no-store")

            let token = try await browser.csrfToken()
            let out = try await browser.send(.post, "/sign-out", form: [("csrf_token", token)])
            #expect(out.status == 303 && out.headers[.location] == "/signed-out")
            #expect(browser.cookies["csc-session"] == nil)
            #expect(try await browser.get("/signed-out").body.contains("You have signed out"))
            let after = try await browser.get("/account")
            #expect(after.status == 303 && after.headers[.location]?.hasPrefix("/sign-in") == true)
            #expect(try await Self.audited(registry, "sign_out") == 1)
            // The cookie itself is dead, not only forgotten by this browser.
            #expect(try await registry.count("sessions", where: "ended_at IS NOT NULL") == 1)
        }
    }

    @Test func aSecondSignInFindsThePersonByTheirSubjectEvenWithANewAddress() async throws {
        try await TestRegistry.run { registry in
            let editor = try await Self.invitedEditor(registry)
            var first = TestBrowser(registry)
            #expect(try await first.signIn(as: editor.subject).status == 303)
            // The provider now says another address; the bound subject still finds them.
            try await TestOpenIDProvider.addAccount(editor.subject, email: "renamed-\(editor.email)")
            var second = TestBrowser(registry)
            #expect(try await second.signIn(as: editor.subject).status == 303)
            #expect(try await second.get("/account").body.contains("Jo Smith"))
        }
    }

    @Test func aReplayedCallbackIsRefusedAndOpensNoSession() async throws {
        try await TestRegistry.run { registry in
            let editor = try await Self.invitedEditor(registry)
            var browser = TestBrowser(registry)
            let authorization = try await browser.startSignIn()
            let signInCookie = try #require(browser.cookies["csc-sign-in"])
            let callback = TestBrowser.callbackPath(try await TestOpenIDProvider.approve(authorization, as: editor.subject))
            #expect(try await browser.get(callback).status == 303)
            // The same callback again, with the same sign-in cookie: the code and state are spent.
            var replay = TestBrowser(registry)
            replay.cookies["csc-sign-in"] = signInCookie
            let refused = try await replay.get(callback)
            #expect(refused.status == 400 && refused.body.contains("you could not be signed in"))
            #expect(replay.cookies["csc-session"] == nil)
            #expect(try await registry.count("sessions") == 1)
            #expect(try await Self.audited(registry, "sign_in_failed") == 1)
        }
    }

    @Test func aCallbackWithoutStateOrFromAnotherBrowserIsRefused() async throws {
        try await TestRegistry.run { registry in
            let editor = try await Self.invitedEditor(registry)
            // Another browser's callback (a login CSRF): this browser started its own sign-in.
            var attacker = TestBrowser(registry)
            let theirs = TestBrowser.callbackPath(try await TestOpenIDProvider.approve(try await attacker.startSignIn(), as: editor.subject))
            var victim = TestBrowser(registry)
            _ = try await victim.startSignIn()
            let crossed = try await victim.get(theirs)
            #expect(crossed.status == 400 && victim.cookies["csc-session"] == nil)
            // No sign-in cookie at all.
            var stranger = TestBrowser(registry)
            #expect(try await stranger.get(theirs).status == 400)
            // The right browser, its state taken off the callback.
            var honest = TestBrowser(registry)
            let callback = try await TestOpenIDProvider.approve(try await honest.startSignIn(), as: editor.subject)
            var parts = URLComponents(url: callback, resolvingAgainstBaseURL: false)!
            parts.queryItems = parts.queryItems?.filter { $0.name != "state" }
            #expect(try await honest.get(TestBrowser.callbackPath(parts.url!)).status == 400)
            #expect(try await Self.audited(registry, "sign_in_failed") == 3)
            #expect(try await registry.count("sessions") == 0)
        }
    }

    @Test func nobodyGetsAnAccountByDefault() async throws {
        try await TestRegistry.run { registry in
            // An account nobody invited, and an invited address the provider does not vouch for.
            let stranger = "stranger-\(UUID().uuidString.prefix(8).lowercased())"
            try await TestOpenIDProvider.addAccount(stranger, email: "\(stranger)@elsewhere.example")
            var browser = TestBrowser(registry)
            let refused = try await browser.signIn(as: stranger)
            #expect(refused.status == 403 && refused.body.contains("You do not have access to the registry yet"))
            #expect(refused.body.contains("ask"))
            let unverified = try await Self.invitedEditor(registry, verified: false)
            #expect(try await browser.signIn(as: unverified.subject).status == 403)
            let people = try await registry.get("/api/v1/admin/people").items
            #expect(people.filter { $0["email"] as? String != nil }.count == 1)
            #expect(try await registry.get("/api/v1/admin/people/\(unverified.id)").json["state"] as? String == "invited")
        }
    }

    @Test func aSuspendedPersonsSessionAndTokensStopOnTheNextRequest() async throws {
        try await TestRegistry.run { registry in
            let editor = try await Self.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            // A token of their own, made with the session and its CSRF token.
            let csrf = try await browser.csrfToken()
            let issued = try await browser.send(
                .post, "/api/v1/account/tokens", json: #"{"label": "nightly export"}"#, headers: [.xCSRFToken: csrf])
            #expect(issued.status == 201, "\(issued.body)")
            let token = try issued.string("token")
            #expect(try await registry.get("/api/v1/account", as: .token(token)).status == 200)

            #expect(try await registry.send(.put, "/api/v1/admin/people/\(editor.id)/suspension").status == 200)
            let page = try await browser.get("/account")
            #expect(page.status == 303 && page.headers[.location]?.hasPrefix("/sign-in") == true)
            #expect(try await registry.get("/api/v1/account", as: .token(token)).status == 401)
            var again = TestBrowser(registry)
            let refused = try await again.signIn(as: editor.subject)
            #expect(refused.status == 403 && refused.body.contains("suspended"))
            #expect(try await Self.audited(registry, "end_sessions") == 1)

            // Restored, they sign in again and the token works once more; the old session stays ended.
            #expect(try await registry.send(.delete, "/api/v1/admin/people/\(editor.id)/suspension").status == 200)
            #expect(try await registry.get("/api/v1/account", as: .token(token)).status == 200)
            #expect(try await browser.get("/account").status == 303)
        }
    }

    @Test func aCrossSiteFormPostAndOneWithoutTheTokenAreRefusedAndWriteNothing() async throws {
        try await TestRegistry.run { registry in
            let editor = try await Self.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let csrf = try await browser.csrfToken()
            let before = try await registry.snapshot()
            let form = [("label", "made elsewhere"), ("days", "30")]
            let attempts: [(String, [(String, String)], HTTPFields)] = [
                ("no token", form, [:]),
                ("another token", form + [("csrf_token", "x" + csrf.dropFirst())], [:]),
                ("cross-site, with the token", form + [("csrf_token", csrf)], [.secFetchSite: "cross-site"]),
                ("same-site subdomain", form + [("csrf_token", csrf)], [.secFetchSite: "same-site"]),
                ("foreign origin", form + [("csrf_token", csrf)], [.origin: "https://attacker.example"]),
            ]
            for (name, fields, headers) in attempts {
                let reply = try await browser.send(.post, "/account/tokens", form: fields, headers: headers)
                #expect(reply.status == 403, "\(name): \(reply.status)")
                #expect(reply.body.contains("Nothing has been changed"), "\(name)")
            }
            // The API too, with the session cookie and no X-CSRF-Token header.
            let api = try await browser.send(.post, "/api/v1/account/tokens", json: #"{"label": "x"}"#)
            #expect(api.status == 403 && api.contentType == "application/problem+json")
            #expect(try await registry.snapshot() == before)
            // The registry's own form, from its own page, works.
            let made = try await browser.send(.post, "/account/tokens", form: form + [("csrf_token", csrf)], headers: [.secFetchSite: "same-origin"])
            #expect(made.status == 201 && made.body.contains("csc_"))
        }
    }

    @Test func aSessionEndsAfterAnHourIdleOrTenHoursInAll() async throws {
        try await TestRegistry.run { registry in
            let editor = try await Self.invitedEditor(registry)
            var idle = TestBrowser(registry)
            _ = try await idle.signIn(as: editor.subject)
            var long = TestBrowser(registry)
            _ = try await long.signIn(as: editor.subject)
            #expect(try await idle.get("/account").status == 200)
            #expect(try await long.get("/account").status == 200)
            // One left untouched past the idle limit; the other used a minute ago but older than its lifetime.
            let sessions = try await registry.database.query("SELECT id FROM sessions ORDER BY created_at, id")
                .all { try $0.get("id", as: UUID.self) }
            try await registry.database.query(
                "UPDATE sessions SET last_seen_at = now() - interval '61 minutes' WHERE id = \(sessions[0])")
            try await registry.database.query(
                "UPDATE sessions SET expires_at = now() - interval '1 second', last_seen_at = now() - interval '1 minute' WHERE id = \(sessions[1])")
            #expect(try await idle.get("/account").status == 303)
            #expect(try await long.get("/account").status == 303)
            #expect(try await long.get("/api/v1/account").status == 401)
        }
    }

    @Test func theSignInPageSaysItIsADevelopmentSignIn() async throws {
        try await TestRegistry.run { registry in
            let page = try await registry.get("/sign-in", as: .anonymous)
            #expect(page.status == 200 && page.body.contains("Development sign-in"))
            #expect(page.body.contains(#"href="/sign-in/dev""#))
            #expect(try await registry.get("/sign-in/nowhere", as: .anonymous).status == 404)
        }
    }
}
