import Foundation
import Logging
import PostgresNIO

/// Browser sessions and the sign-ins that start them, in PostgreSQL so that every instance of
/// the server shares them. Only hashes of the cookies' values are stored.
struct SessionStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// A sign-in under way, as the callback needs it back.
    struct Attempt: Sendable, Equatable {
        var provider: String
        var state: String
        var nonce: String
        var codeVerifier: String
        var returnTo: String
    }

    /// How long a person has at their provider before the sign-in must start again.
    static let attemptLifetime = "10 minutes"

    func begin(_ attempt: Attempt, browser: BrowserSecret) async throws {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            // Sign-ins abandoned at the provider, cleared as new ones start.
            try await connection.query(
                "DELETE FROM sign_in_attempts WHERE created_at < now() - \(Self.attemptLifetime)::interval", logger: logger)
            try await connection.query(
                """
                INSERT INTO sign_in_attempts (browser_hash, provider, state, nonce, code_verifier, return_to)
                VALUES (\(browser.hash), \(attempt.provider), \(attempt.state), \(attempt.nonce), \(attempt.codeVerifier),
                        \(attempt.returnTo))
                ON CONFLICT (browser_hash) DO UPDATE SET provider = excluded.provider, state = excluded.state,
                    nonce = excluded.nonce, code_verifier = excluded.code_verifier, return_to = excluded.return_to,
                    created_at = now()
                """, logger: logger)
        }
    }

    /// The attempt this browser started, taken so it can be used once only; nil when there is
    /// none or it is too old.
    func take(browser: BrowserSecret) async throws -> Attempt? {
        try await client.queryJoiningAmbient(
            """
            DELETE FROM sign_in_attempts WHERE browser_hash = \(browser.hash)
            RETURNING provider, state, nonce, code_verifier, return_to,
                      created_at > now() - \(Self.attemptLifetime)::interval AS fresh
            """, logger: logger
        ).first { row -> Attempt? in
            guard try row.get("fresh", as: Bool.self) else { return nil }
            return Attempt(
                provider: try row.get("provider"), state: try row.get("state"), nonce: try row.get("nonce"),
                codeVerifier: try row.get("code_verifier"), returnTo: try row.get("return_to"))
        } ?? nil
    }

    /// A new session for a person who has just signed in; the returned secret goes in their cookie.
    func open(for person: Person, provider: String, timeouts: SessionTimeouts) async throws -> (BrowserSecret, BrowserSession) {
        let secret = BrowserSecret.generate()
        let csrf = RandomText.make(bytes: 32)
        let caller = Caller(userID: person.id, name: person.name, role: person.role)
        let id = try await client.transactionJoiningAmbient(logger: logger) { connection in
            let id = try await connection.query(
                """
                INSERT INTO sessions (token_hash, user_id, provider, csrf_token, expires_at)
                VALUES (\(secret.hash), \(person.id), \(provider), \(csrf), now() + \(timeouts.absoluteSeconds) * interval '1 second')
                RETURNING id
                """, logger: logger
            ).first { try $0.get("id", as: UUID.self) }!
            try await AuditLog.record(
                .signIn, resource: id, detail: ["provider": provider], caller: caller, on: connection, logger: logger)
            return id
        }
        return (secret, BrowserSession(id: id, csrfToken: csrf))
    }

    /// The person a session cookie stands for, with the registry's data version, or nil when the
    /// session has ended, timed out, or its person is no longer active. `last_seen_at` is kept
    /// to the minute, written only when due, as for tokens.
    func authenticate(_ secret: BrowserSecret, timeouts: SessionTimeouts) async throws
        -> (caller: Caller, session: BrowserSession, version: DataVersion)?
    {
        guard secret.isWellFormed else { return nil }
        let rows = try await client.executeJoiningAmbient(prepared: SessionLookup(hash: secret.hash, idleSeconds: timeouts.idleSeconds), logger: logger)
        guard let found = rows.first else { return nil }
        if found.seenIsDue {
            try await client.queryJoiningAmbient(
                "UPDATE sessions SET last_seen_at = now() WHERE id = \(found.session.id) AND last_seen_at < now() - interval '1 minute'",
                logger: logger)
        }
        return (found.caller, found.session, DataVersion(value: found.version))
    }

    struct SessionLookup: PostgresPreparedStatement {
        static let sql = """
            SELECT s.id, s.csrf_token, s.last_seen_at < now() - interval '1 minute' AS seen_is_due,
                   u.id, u.name, u.role::text, u.authority_code,
                   ARRAY(SELECT network_id FROM user_networks un WHERE un.user_id = u.id ORDER BY network_id),
                   (SELECT version FROM registry_version)
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now()
              AND s.last_seen_at > now() - $2 * interval '1 second' AND u.state = 'active'
            """

        struct Row: Sendable {
            var session: BrowserSession
            var seenIsDue: Bool
            var caller: Caller
            var version: Int64
        }

        var hash: String
        var idleSeconds: Int

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(hash)
            bindings.append(idleSeconds)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            let (id, csrf, seenIsDue, userID, name, role, authority, networks, version) = try row.decode(
                (UUID, String, Bool, UUID, String, String, String?, [UUID], Int64).self)
            return Row(
                session: BrowserSession(id: id, csrfToken: csrf), seenIsDue: seenIsDue,
                caller: Caller(
                    userID: userID, name: name, role: Caller.Role(rawValue: role) ?? .anonymous, authority: authority,
                    networks: networks),
                version: version)
        }
    }

    /// Ends one session: signing out.
    func end(_ session: BrowserSession, caller: Caller) async throws {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let ended = try await connection.query(
                "UPDATE sessions SET ended_at = now() WHERE id = \(session.id) AND ended_at IS NULL RETURNING id", logger: logger
            ).first { _ in true }
            if ended != nil {
                try await AuditLog.record(.signOut, resource: session.id, detail: [:], caller: caller, on: connection, logger: logger)
            }
        }
    }

    /// Ends every session of a person, wherever they are signed in; returns how many.
    @discardableResult
    func endAll(of person: UUID, context: WriteContext) async throws -> Int {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            try await Self.endAll(of: person, context: context, on: connection, logger: logger)
        }
    }

    @discardableResult
    static func endAll(of person: UUID, context: WriteContext, on connection: DatabaseConnection, logger: Logger) async throws -> Int {
        let ended = try await connection.query(
            "UPDATE sessions SET ended_at = now() WHERE user_id = \(person) AND ended_at IS NULL RETURNING id", logger: logger
        ).all { try $0.get("id", as: UUID.self) }
        try await AuditLog.record(
            .endSessions, resource: person, detail: ["sessions": String(ended.count)], caller: context.caller,
            on: connection, logger: logger)
        return ended.count
    }

    /// A sign-in that did not end in a session, with why.
    func recordFailure(_ reason: String, provider: String) async throws {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            try await AuditLog.record(
                .signInFailed, detail: ["provider": provider, "reason": String(reason.prefix(500))],
                caller: .anonymous, on: connection, logger: logger)
        }
    }
}
