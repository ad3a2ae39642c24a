import Foundation
import RegistryAPI

// The caller's own account and tokens, for any signed-in role.
extension RegistryService {
    func getAccount(_ input: Operations.GetAccount.Input) async throws -> Operations.GetAccount.Output {
        .ok(.init(body: .json(Self.person(try await store.people.person(try Self.ownID())))))
    }

    func listOwnTokens(_ input: Operations.ListOwnTokens.Input) async throws -> Operations.ListOwnTokens.Output {
        .ok(.init(body: .json(.init(items: try await store.identities.tokens(owner: try Self.ownID()).map(Self.details)))))
    }

    func createOwnToken(_ input: Operations.CreateOwnToken.Input) async throws -> Operations.CreateOwnToken.Output {
        let owner = try Self.ownID()
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        var v = InputValidator()
        v.text(body.label, "label", max: 200, required: true)
        Self.checkExpiry(body.expiresAt, into: &v)
        try v.check()
        let (record, token) = try await store.identities.issue(
            to: owner, label: body.label, expiresAt: body.expiresAt ?? BearerToken.expiry(days: nil),
            context: try .signedIn(Caller.ofThisRequest))
        return .created(.init(body: .json(.init(token: token.value, details: Self.details(record)))))
    }

    func revokeOwnToken(_ input: Operations.RevokeOwnToken.Input) async throws -> Operations.RevokeOwnToken.Output {
        let owner = try Self.ownID()
        try await store.identities.revoke(
            try recordID(input.path.tokenId, "token"), owner: owner, context: try .signedIn(Caller.ofThisRequest))
        return .noContent(.init())
    }

    /// The signed-in caller's person id; anonymous callers are told to sign in.
    private static func ownID() throws -> UUID {
        try Permissions.requireSignedIn(Caller.ofThisRequest)
        guard let id = Caller.ofThisRequest.userID else { throw RegistryError.signInRequired }
        return id
    }

    /// A token's expiry: in the future, and no further off than the longest lifetime.
    static func checkExpiry(_ expiry: Date?, into v: inout InputValidator) {
        guard let expiry else { return }
        if expiry < Date() { v.fail("expires_at", "must be in the future") }
        if expiry > BearerToken.expiry(days: BearerToken.longestLifetimeDays) {
            v.fail("expires_at", "must be within \(BearerToken.longestLifetimeDays) days")
        }
    }
}
