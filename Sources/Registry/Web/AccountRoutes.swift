import Foundation
import Hummingbird
import RegistryAPI

/// A signed-in person's own page: who the registry thinks they are, and their tokens for
/// scripts, which they create and revoke here with exactly their own rights.
struct AccountRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    /// The lifetimes offered, shortest first; the API and `csc-registry token` allow others.
    static let lifetimes = [(30, "30 days"), (90, "90 days"), (365, "1 year")]

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/account") { _, _ in try await signedIn { try await account($0) } }
        router.post("/account/tokens") { request, _ in
            try await signedIn { try await createToken($0, form: try await WebForm.read(request)) }
        }
        router.get("/account/tokens/:token/revoke") { _, context in
            try await signedIn { try await confirmRevoke($0, context.parameters.require("token")) }
        }
        router.post("/account/tokens/:token/revoke") { _, context in
            try await signedIn { try await revoke($0, context.parameters.require("token")) }
        }
    }

    /// Runs `body` for the signed-in person; anyone else is sent to sign in first.
    private func signedIn(_ body: (Person) async throws -> Response) async throws -> Response {
        try await SignedInPage.run(returnTo: "/account") { _, id in try await body(try await store.people.person(id)) }
    }

    private func account(_ person: Person, form: [String: String] = [:], errors: [PageRenderer.FieldError] = []) async throws
        -> Response
    {
        let tokens = try await store.identities.tokens(owner: person.id)
        var authority: String?
        if let code = person.authority {
            authority = "\(try await store.reference.authority(code: code).name) (\(code))"
        }
        let chosen = form["days"] ?? "90"
        var values: [String: Any] = [
            "person": ["name": person.name, "email": person.email ?? "none recorded"],
            "role": Self.roleName(person),
            "tokens": tokens.map(Self.row),
            "hasTokens": !tokens.isEmpty,
            "form": form,
            "lifetimes": Self.lifetimes.map { days, text in
                ["days": String(days), "text": text, "fieldID": "days-\(days)", "checked": chosen == String(days)]
            },
        ]
        // Mustache shows a missing key as nothing, but an Optional as its description.
        values["authority"] = authority
        values["labelError"] = errors.first { $0.fieldID == "label" }?.message
        values["daysError"] = errors.first { $0.fieldID == "days-30" }?.message
        return pages.page("account", title: "Your account", values, errors: errors, status: errors.isEmpty ? .ok : .badRequest)
    }

    private func createToken(_ person: Person, form: WebForm) async throws -> Response {
        // The API's rules for a token's label, and a lifetime from the choices offered.
        let label = form.fields["label"] ?? ""
        var v = InputValidator()
        v.text(label, "label", max: 200, required: true)
        let days = form["days"].flatMap(Int.init).flatMap { days in Self.lifetimes.contains { $0.0 == days } ? days : nil }
        if days == nil { v.fail("days", "must be one of the choices") }
        guard v.issues.isEmpty, let days else {
            let errors = PageRenderer.FieldError.from(
                v.issues, fields: ["label": ("label", "What the token is for"), "days": ("days-30", "How long it works")])
            return try await account(person, form: ["label": label, "days": form.fields["days"] ?? ""], errors: errors)
        }
        let expiresAt = BearerToken.expiry(days: days)
        let (_, token) = try await store.identities.issue(
            to: person.id, label: label.trimmingCharacters(in: .whitespacesAndNewlines), expiresAt: expiresAt,
            context: try .signedIn(Caller.ofThisRequest))
        return pages.page(
            "token-created", title: "Token created",
            ["label": label, "token": token.value, "expires": DateText.long(expiresAt)], status: .created)
    }

    private func confirmRevoke(_ person: Person, _ id: String) async throws -> Response {
        guard let token = try await ownToken(person, id), token.revokedAt == nil else { return notFound() }
        return pages.page(
            "revoke-token", title: "Revoke the token for \(token.label ?? token.hint)",
            [
                "revokePath": "/account/tokens/\(token.id.lowercased)/revoke", "back": "/account",
                "label": token.label ?? "(no label)", "hint": token.hint,
            ])
    }

    private func revoke(_ person: Person, _ id: String) async throws -> Response {
        guard let token = try await ownToken(person, id) else { return notFound() }
        try await store.identities.revoke(token.id, owner: person.id, context: try .signedIn(Caller.ofThisRequest))
        return PageRenderer.redirect(to: "/account")
    }

    /// The person's own token; anyone else's is as good as missing.
    private func ownToken(_ person: Person, _ id: String) async throws -> IdentityStore.TokenRecord? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        return try await store.identities.tokens(id: uuid, owner: person.id).first
    }

    private func notFound() -> Response {
        pages.notFound("There is no such token among yours.", back: ("/account", "Back to your account"))
    }

    static func roleName(_ person: Person) -> String {
        switch person.role {
        case .admin: "Administrator: manages people, networks and tokens, and may change any record"
        case .authorityEditor: "Editor: registers and updates your authority's pilots"
        case .networkMember: "Network member: reads what is shared with \(person.networks.joined(separator: ", "))"
        case .nationalAnalyst: "National analyst: reads what is shared with DfE, and statistics"
        case .anonymous: "None"
        }
    }

    static func row(_ token: IdentityStore.TokenRecord) -> [String: Any] {
        [
            "id": token.id.lowercased, "label": token.label ?? "(no label)", "hint": token.hint + "…",
            "created": DateText.long(token.createdAt), "expires": token.expiresAt.map(DateText.long) ?? "never",
            "lastUsed": token.lastUsedAt.map(DateText.long) ?? "not yet", "revoked": token.revokedAt != nil,
        ]
    }

}
