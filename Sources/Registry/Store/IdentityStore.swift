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

    /// A new active person (a system, or someone who will only use scripts) with one token;
    /// returns the token, which is shown only this once.
    func createUserWithToken(
        _ details: PersonDetails, label: String?, expiresAt: Date?, context: WriteContext
    ) async throws -> (TokenRecord, BearerToken) {
        // Ambient, so the person and the token commit together on one connection.
        try await AmbientTransaction.run(client, logger: logger) {
            let person = try await PersonStore(client: client, logger: logger).add(details, state: .active, context: context)
            return try await issue(to: person.id, label: label, expiresAt: expiresAt, context: context)
        }
    }

    /// A new token for an existing person, with exactly their rights.
    func issue(to person: UUID, label: String?, expiresAt: Date?, context: WriteContext) async throws -> (TokenRecord, BearerToken) {
        let token = BearerToken.generate()
        let id = try await client.transactionJoiningAmbient(logger: logger) { connection in
            let id = try await connection.query(
                """
                INSERT INTO api_tokens (user_id, token_hash, hint, label, expires_at)
                SELECT id, \(token.hash), \(token.hint), \(label), \(expiresAt) FROM users WHERE id = \(person) AND state = 'active'
                RETURNING id
                """, logger: logger
            ).first { try $0.get("id", as: UUID.self) }
            guard let id else { throw RegistryError.notFound(resource: "person", id: person.lowercased) }
            try await AuditLog.record(.create, .token, id: id, before: nil, context: context, on: connection, logger: logger)
            return id
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
        let rows = try await client.executeJoiningAmbient(prepared: TokenLookup(hash: token.hash), logger: logger)
        guard let found = rows.first else { return nil }
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
              AND u.state = 'active'
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

    /// Every token, or one, or one person's.
    func tokens(id: UUID? = nil, owner: UUID? = nil) async throws -> [TokenRecord] {
        try await client.queryJoiningAmbient(
            """
            SELECT t.id, t.user_id, u.name, u.role, u.authority_code, t.hint, t.label, t.created_at, t.expires_at,
                   t.revoked_at, t.last_used_at,
                   ARRAY(SELECT n.slug FROM user_networks un JOIN networks n ON n.id = un.network_id
                         WHERE un.user_id = u.id ORDER BY n.slug) AS networks
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE (\(id)::uuid IS NULL OR t.id = \(id)) AND (\(owner)::uuid IS NULL OR t.user_id = \(owner))
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

    /// Revokes a token at once; it stays listed, marked revoked. With `owner`, only that
    /// person's token: anyone else's is not found.
    func revoke(_ id: UUID, owner: UUID? = nil, context: WriteContext) async throws {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let before = try await connection.query(
                """
                SELECT audit_document('token', id)::text AS document FROM api_tokens
                WHERE id = \(id) AND (\(owner)::uuid IS NULL OR user_id = \(owner)) FOR UPDATE
                """, logger: logger
            ).first { try $0.get("document", as: String.self) }
            guard let before else { throw RegistryError.notFound(resource: "token", id: id.lowercased) }
            let revoked = try await connection.query(
                "UPDATE api_tokens SET revoked_at = now() WHERE id = \(id) AND revoked_at IS NULL RETURNING id", logger: logger
            ).first { _ in true }
            if revoked != nil {
                try await AuditLog.record(.update, .token, id: id, before: before, context: context, on: connection, logger: logger)
            }
        }
    }
}
