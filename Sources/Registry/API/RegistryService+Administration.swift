import Foundation
import RegistryAPI

// Tokens, managed by administrators (the same operations as `csc-registry token`).
extension RegistryService {
    func listTokens(_ input: Operations.ListTokens.Input) async throws -> Operations.ListTokens.Output {
        try Permissions.requireAdmin(Caller.ofThisRequest, to: "manage tokens")
        return .ok(.init(body: .json(.init(items: try await store.identities.tokens().map(Self.details)))))
    }

    func issueToken(_ input: Operations.IssueToken.Input) async throws -> Operations.IssueToken.Output {
        try Permissions.requireAdmin(Caller.ofThisRequest, to: "manage tokens")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        var v = InputValidator()
        v.text(body.name, "name", max: 200, required: true)
        v.text(body.label, "label", max: 200)
        v.count(body.networks, "networks", max: 50)
        Self.checkExpiry(body.expiresAt, into: &v)
        try v.check()
        let details = PersonDetails(
            name: body.name, email: nil, role: Caller.Role(rawValue: body.role.rawValue)!, authority: body.authority,
            networks: body.networks ?? [])
        let (record, token) = try await store.identities.createUserWithToken(
            details, label: body.label, expiresAt: body.expiresAt ?? BearerToken.expiry(days: nil),
            context: try .signedIn(Caller.ofThisRequest))
        return .created(.init(body: .json(.init(token: token.value, details: Self.details(record)))))
    }

    func revokeToken(_ input: Operations.RevokeToken.Input) async throws -> Operations.RevokeToken.Output {
        try Permissions.requireAdmin(Caller.ofThisRequest, to: "manage tokens")
        try await store.identities.revoke(try recordID(input.path.tokenId, "token"), context: try .signedIn(Caller.ofThisRequest))
        return .noContent(.init())
    }

    static func details(_ token: IdentityStore.TokenRecord) -> Components.Schemas.TokenDetails {
        Components.Schemas.TokenDetails(
            id: token.id.lowercased, userId: token.userID.lowercased, userName: token.userName,
            role: Components.Schemas.Role(rawValue: token.role.rawValue)!, authority: token.authority,
            networks: token.networks, hint: token.hint, label: token.label, createdAt: token.createdAt,
            expiresAt: token.expiresAt, revokedAt: token.revokedAt, lastUsedAt: token.lastUsedAt)
    }
}

extension RegistryService {
    func rebuildDashboards(_ input: Operations.RebuildDashboards.Input) async throws -> Operations.RebuildDashboards.Output {
        try Permissions.requireAdmin(Caller.ofThisRequest, to: "rebuild the dashboards")
        let result = try await dashboards.rebuild()
        return .ok(.init(body: .json(.init(
            audience: "public", pages: result.pages, files: result.files, bytes: result.bytes, builtAt: result.builtAt,
            url: "/dashboards/"))))
    }
}
