import Foundation
import Logging
import PostgresNIO

/// Users, their roles and their bearer tokens.
struct IdentityStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// A token as listed: never the token itself.
    struct TokenRecord: Sendable, Equatable {
        var id: UUID
        var userID: UUID
        var userName: String
        var role: Caller.Role
        var authority: String?
        var networks: [String]
        var hint: String
        var label: String?
        var createdAt: Date
        var expiresAt: Date?
        var revokedAt: Date?
        var lastUsedAt: Date?
    }

    /// Creates a user with one token; returns the token, which is shown only this once.
    func createUserWithToken(
        name: String, role: Caller.Role, authority: String?, networks: [String], label: String?, expiresAt: Date?
    ) async throws -> (TokenRecord, BearerToken) {
        guard role != .anonymous else { throw RegistryError.invalid([.init(field: "role", message: "is not a role a user can have")]) }
        let token = BearerToken.generate()
        let id = try await client.transactionJoiningAmbient(logger: logger) { connection in
            var authorityCode: String?
            if role == .authorityEditor {
                guard let authority else {
                    throw RegistryError.invalid([.init(field: "authority", message: "is required for an authority editor")])
                }
                authorityCode = try await ReferenceStore.require([authority], field: { _ in "authority" }, on: connection, logger: logger)[0]
            } else if authority != nil {
                throw RegistryError.invalid([.init(field: "authority", message: "is only for authority editors")])
            }
            if role == .networkMember && networks.isEmpty {
                throw RegistryError.invalid([.init(field: "networks", message: "must name at least one network for a network member")])
            } else if role != .networkMember && !networks.isEmpty {
                throw RegistryError.invalid([.init(field: "networks", message: "are only for network members")])
            }
            let userID = try await connection.query(
                "INSERT INTO users (name, role, authority_code) VALUES (\(name), \(role.rawValue), \(authorityCode)) RETURNING id",
                logger: logger
            ).first { try $0.get("id", as: UUID.self) }!
            for (index, key) in networks.enumerated() {
                let added = try await connection.query(
                    """
                    INSERT INTO user_networks (user_id, network_id)
                    SELECT \(userID), id FROM networks WHERE deleted_at IS NULL AND (slug = \(key) OR id::text = lower(\(key)))
                    RETURNING network_id
                    """, logger: logger
                ).first { _ in true }
                if added == nil { throw RegistryError.invalid([.init(field: "networks[\(index)]", message: "is not a known network")]) }
            }
            return try await connection.query(
                """
                INSERT INTO api_tokens (user_id, token_hash, hint, label, expires_at)
                VALUES (\(userID), \(token.hash), \(token.hint), \(label), \(expiresAt)) RETURNING id
                """, logger: logger
            ).first { try $0.get("id", as: UUID.self) }!
        }
        return (try await tokens(id: id).first!, token)
    }

    /// The caller a token stands for, or nil when it is unknown, revoked or expired, with the
    /// registry's data version: the same round trip tells the response cache whether anything
    /// changed since it last answered.
    ///
    /// `last_used_at` is kept to the minute, in a write of its own only when it is due: writing
    /// it on every request made each signed-in read a write, and concurrent requests with one
    /// token queued on its row lock.
    func authenticate(_ token: BearerToken) async throws -> (caller: Caller, version: DataVersion)? {
        guard token.isWellFormed else { return nil }
        let rows = try await client.execute(TokenLookup(hash: token.hash), logger: logger)
        guard let found = try await rows.first(where: { _ in true }) else { return nil }
        if found.useIsDue {
            try await client.queryJoiningAmbient(
                """
                UPDATE api_tokens SET last_used_at = now()
                WHERE id = \(found.tokenID) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
                """, logger: logger)
        }
        return (found.caller, DataVersion(value: found.version))
    }

    /// The look-up every signed-in request makes, prepared once per connection.
    struct TokenLookup: PostgresPreparedStatement {
        static let sql = """
            SELECT t.id, t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute' AS use_is_due,
                   u.id, u.name, u.role::text, u.authority_code,
                   ARRAY(SELECT network_id FROM user_networks un WHERE un.user_id = u.id ORDER BY network_id),
                   (SELECT version FROM registry_version)
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
            """

        struct Row: Sendable {
            var tokenID: UUID
            var useIsDue: Bool
            var caller: Caller
            var version: Int64
        }

        var hash: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(hash)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            let (tokenID, useIsDue, userID, name, role, authority, networks, version) = try row.decode(
                (UUID, Bool, UUID, String, String, String?, [UUID], Int64).self)
            return Row(
                tokenID: tokenID, useIsDue: useIsDue,
                caller: Caller(
                    userID: userID, name: name, role: Caller.Role(rawValue: role) ?? .anonymous, authority: authority,
                    networks: networks),
                version: version)
        }
    }

    func tokens(id: UUID? = nil) async throws -> [TokenRecord] {
        try await client.queryJoiningAmbient(
            """
            SELECT t.id, t.user_id, u.name, u.role, u.authority_code, t.hint, t.label, t.created_at, t.expires_at,
                   t.revoked_at, t.last_used_at,
                   ARRAY(SELECT n.slug FROM user_networks un JOIN networks n ON n.id = un.network_id
                         WHERE un.user_id = u.id ORDER BY n.slug) AS networks
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE (\(id)::uuid IS NULL OR t.id = \(id))
            ORDER BY t.created_at, t.id
            """, logger: logger
        ).all {
            TokenRecord(
                id: try $0.get("id"), userID: try $0.get("user_id"), userName: try $0.get("name"),
                role: Caller.Role(rawValue: try $0.get("role")) ?? .anonymous, authority: try $0.get("authority_code"),
                networks: try $0.get("networks"), hint: try $0.get("hint"), label: try $0.get("label"),
                createdAt: try $0.get("created_at"), expiresAt: try $0.get("expires_at"),
                revokedAt: try $0.get("revoked_at"), lastUsedAt: try $0.get("last_used_at"))
        }
    }

    /// Revokes a token at once; it stays listed, marked revoked.
    func revoke(_ id: UUID) async throws {
        let revoked = try await client.queryJoiningAmbient(
            "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = \(id) RETURNING id", logger: logger
        ).first { _ in true }
        if revoked == nil { throw RegistryError.notFound(resource: "token", id: id.lowercased) }
    }
}
