import Foundation
import Hummingbird

/// Every token for scripts, whoever holds it, for administrators to see and revoke: a token
/// found in a leaked script stops at once, as with `DELETE /api/v1/admin/tokens/{id}`.
struct TokenAdministrationRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/tokens") { request, _ in
            try await admin { _ in
                let tokens = try await store.identities.tokens().sorted { $0.createdAt > $1.createdAt }
                var values: [String: Any] = [
                    "tokens": tokens.map { token in
                        AccountRoutes.row(token).merging(["owner": token.userName, "ownerID": token.userID.lowercased]) { first, _ in first }
                    },
                    "hasTokens": !tokens.isEmpty,
                ]
                values["success"] = request.uri.queryParameters.get("saved") == "revoked" ? "Token revoked" : nil
                return pages.page("tokens", title: "Tokens", values)
            }
        }
        router.get("/manage/tokens/:token/revoke") { _, context in
            try await admin { _ in
                guard let token = try await token(context), token.revokedAt == nil else { return notFound() }
                return pages.page(
                    "revoke-token", title: "Revoke the token for \(token.label ?? token.hint)",
                    [
                        "revokePath": "/manage/tokens/\(token.id.lowercased)/revoke", "back": "/manage/tokens",
                        "label": "\(token.label ?? "(no label)") of \(token.userName)", "hint": token.hint,
                    ])
            }
        }
        router.post("/manage/tokens/:token/revoke") { _, context in
            try await admin { caller in
                guard let token = try await token(context) else { return notFound() }
                try await store.identities.revoke(token.id, context: try .signedIn(caller))
                return PageRenderer.redirect(to: "/manage/tokens?saved=revoked")
            }
        }
    }

    private func admin(_ body: (Caller) async throws -> Response) async throws -> Response {
        try await AdminPage.run(returnTo: "/manage/tokens", pages: pages, body)
    }

    private func token(_ context: some RequestContext) async throws -> IdentityStore.TokenRecord? {
        guard let id = UUID(uuidString: try context.parameters.require("token")) else { return nil }
        return try await store.identities.tokens(id: id).first
    }

    private func notFound() -> Response {
        pages.notFound("There is no such token.", back: ("/manage/tokens", "Go to the tokens"))
    }
}
