import Foundation
import Logging
import PostgresNIO

/// People: invited, changed and suspended by administrators, matched to their accounts at
/// OpenID providers when they sign in. Every change is audited with the whole person before and
/// after.
struct PersonStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    static let columns = """
        u.id, u.name, u.email, u.role::text AS role, u.authority_code, u.state, u.created_at, u.updated_at,
        ARRAY(SELECT n.slug FROM user_networks un JOIN networks n ON n.id = un.network_id
              WHERE un.user_id = u.id ORDER BY n.slug) AS networks,
        ARRAY(SELECT DISTINCT l.provider FROM person_logins l WHERE l.user_id = u.id ORDER BY l.provider) AS providers,
        (SELECT max(l.last_signed_in_at) FROM person_logins l WHERE l.user_id = u.id) AS last_signed_in_at
        """

    static func person(_ row: PostgresRandomAccessRow) throws -> Person {
        Person(
            id: try row.get("id"), name: try row.get("name"), email: try row.get("email"),
            role: Caller.Role(rawValue: try row.get("role")) ?? .anonymous, authority: try row.get("authority_code"),
            networks: try row.get("networks"), state: Person.State(rawValue: try row.get("state")) ?? .suspended,
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"), providers: try row.get("providers"),
            lastSignedInAt: try row.get("last_signed_in_at"))
    }

    /// Everyone, by name.
    func people() async throws -> [Person] {
        try await client.queryJoiningAmbient(
            "SELECT \(unescaped: Self.columns) FROM users u ORDER BY lower(u.name), u.id", logger: logger
        ).all(Self.person)
    }

    func person(_ id: UUID) async throws -> Person {
        guard let found = try await client.queryJoiningAmbient(
            "SELECT \(unescaped: Self.columns) FROM users u WHERE u.id = \(id)", logger: logger
        ).first(Self.person) else { throw RegistryError.notFound(resource: "person", id: id.lowercased) }
        return found
    }

    /// Adds someone who will sign in later; they are `invited` until they do. `state` is only
    /// for systems given a token at once (`active`).
    func add(_ details: PersonDetails, state: Person.State = .invited, context: WriteContext) async throws -> Person {
        let id = try await client.transactionJoiningAmbient(logger: logger) { connection in
            let authority = try await authorityCode(details, on: connection)
            let id = try await connection.query(
                """
                INSERT INTO users (name, email, role, authority_code, state, is_demo)
                VALUES (\(details.name), \(details.email), \(details.role.rawValue), \(authority), \(state.rawValue),
                        \(context.isDemo)) RETURNING id
                """, logger: logger
            ).first { try $0.get("id", as: UUID.self) }!
            try await setNetworks(details.networks, of: id, on: connection)
            try await AuditLog.record(.create, .person, id: id, before: nil, context: context, on: connection, logger: logger)
            return id
        }
        return try await person(id)
    }

    /// Replaces the person's name, address, role and scope.
    func change(_ id: UUID, to details: PersonDetails, context: WriteContext) async throws -> Person {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let before = try await lockedDocument(id, on: connection)
            let authority = try await authorityCode(details, for: id, on: connection)
            try await connection.query(
                """
                UPDATE users SET name = \(details.name), email = \(details.email), role = \(details.role.rawValue),
                                 authority_code = \(authority), updated_at = now()
                WHERE id = \(id)
                """, logger: logger)
            try await connection.query("DELETE FROM user_networks WHERE user_id = \(id)", logger: logger)
            try await setNetworks(details.networks, of: id, on: connection)
            try await AuditLog.record(.update, .person, id: id, before: before, context: context, on: connection, logger: logger)
        }
        return try await person(id)
    }

    /// Suspends or restores a person. Suspending ends their sessions in the same transaction;
    /// their tokens stop because every look-up requires an active person.
    func setState(_ id: UUID, to state: Person.State, context: WriteContext) async throws -> Person {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let before = try await lockedDocument(id, on: connection)
            let current = try await connection.query("SELECT state FROM users WHERE id = \(id)", logger: logger)
                .first { try $0.get("state", as: String.self) }
            // Restoring someone who never signed in leaves them invited.
            let hasLogin = try await connection.query("SELECT 1 FROM person_logins WHERE user_id = \(id) LIMIT 1", logger: logger)
                .first { _ in true } != nil
            let next = state == .active && current == "suspended" && !hasLogin ? Person.State.invited : state
            guard current != next.rawValue else { return }
            try await connection.query(
                "UPDATE users SET state = \(next.rawValue), updated_at = now() WHERE id = \(id)", logger: logger)
            try await AuditLog.record(.update, .person, id: id, before: before, context: context, on: connection, logger: logger)
            if next == .suspended { try await SessionStore.endAll(of: id, context: context, on: connection, logger: logger) }
        }
        return try await person(id)
    }

    /// The person an account at a provider belongs to: by the bound subject, or, the first time,
    /// by a verified e-mail address matching an invited or active person, who is then bound to
    /// it (and active). Nil when nobody matches; a suspended person is returned as such.
    func match(issuer: String, subject: String, provider: String, verifiedEmail: String?) async throws -> Person? {
        let id: UUID? = try await client.transactionJoiningAmbient(logger: logger) { connection in
            if let bound = try await connection.query(
                """
                UPDATE person_logins SET last_signed_in_at = now() WHERE issuer = \(issuer) AND subject = \(subject)
                RETURNING user_id
                """, logger: logger
            ).first({ try $0.get("user_id", as: UUID.self) }) {
                return bound
            }
            guard let email = verifiedEmail,
                let invited = try await connection.query(
                    """
                    SELECT id, state FROM users WHERE lower(email) = lower(\(email))
                      AND NOT EXISTS (SELECT 1 FROM person_logins l WHERE l.user_id = users.id AND l.issuer = \(issuer))
                    FOR UPDATE
                    """, logger: logger
                ).first({ (try $0.get("id", as: UUID.self), try $0.get("state", as: String.self)) })
            else { return nil }
            try await connection.query(
                """
                INSERT INTO person_logins (issuer, subject, user_id, provider, last_signed_in_at)
                VALUES (\(issuer), \(subject), \(invited.0), \(provider), now())
                """, logger: logger)
            if invited.1 == Person.State.invited.rawValue {
                let before = try await AuditLog.document(.person, invited.0, on: connection, logger: logger)
                try await connection.query(
                    "UPDATE users SET state = 'active', updated_at = now() WHERE id = \(invited.0)", logger: logger)
                let context = WriteContext(
                    caller: Caller(userID: invited.0, name: "sign-in with \(provider)", role: .anonymous), isDemo: false)
                try await AuditLog.record(.update, .person, id: invited.0, before: before, context: context, on: connection, logger: logger)
            }
            return invited.0
        }
        return try await id.asyncMap(person)
    }

    private func lockedDocument(_ id: UUID, on connection: DatabaseConnection) async throws -> String? {
        guard try await connection.query("SELECT 1 FROM users WHERE id = \(id) FOR UPDATE", logger: logger).first({ _ in true }) != nil
        else { throw RegistryError.notFound(resource: "person", id: id.lowercased) }
        return try await AuditLog.document(.person, id, on: connection, logger: logger)
    }

    /// Checks the details, and that no one else has the address, before anything is written.
    private func authorityCode(_ details: PersonDetails, for id: UUID? = nil, on connection: DatabaseConnection) async throws
        -> String?
    {
        var v = InputValidator()
        details.validate(into: &v)
        try v.check()
        if let email = details.email,
            try await connection.query(
                "SELECT 1 FROM users WHERE lower(email) = lower(\(email)) AND id IS DISTINCT FROM \(id)", logger: logger
            ).first({ _ in true }) != nil
        {
            throw RegistryError.invalid([.init(field: "email", message: "is another person's address")])
        }
        guard let authority = details.authority else { return nil }
        return try await ReferenceStore.require([authority], field: { _ in "authority" }, on: connection, logger: logger)[0]
    }

    private func setNetworks(_ networks: [String], of id: UUID, on connection: DatabaseConnection) async throws {
        for (index, key) in networks.enumerated() {
            let added = try await connection.query(
                """
                INSERT INTO user_networks (user_id, network_id)
                SELECT \(id), id FROM networks WHERE deleted_at IS NULL AND (slug = \(key) OR id::text = lower(\(key)))
                RETURNING network_id
                """, logger: logger
            ).first { _ in true }
            if added == nil { throw RegistryError.invalid([.init(field: "networks[\(index)]", message: "is not a known network")]) }
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
