import Foundation
import Logging

/// What `csc-registry token create|list|revoke` do, offline against the database.
extension RegistryOperations {
    /// A new user with one token. The returned text includes the token, which is shown only once.
    public static func createToken(
        database: DatabaseURL, name: String, role: String, authority: String?, networks: [String], label: String?,
        expiresInDays: Int?, logger: Logger
    ) async throws -> String {
        guard let role = Caller.Role(rawValue: role), role != .anonymous else {
            throw ConfigurationError("--role must be one of admin, authority_editor, network_member, national_analyst")
        }
        if let days = expiresInDays, !(1...BearerToken.longestLifetimeDays).contains(days) {
            throw ConfigurationError("--expires-in-days must be from 1 to \(BearerToken.longestLifetimeDays)")
        }
        let expiresAt = BearerToken.expiry(days: expiresInDays)
        let (record, token) = try await DatabaseSession.run(database, logger: logger) { client in
            try await IdentityStore(client: client, logger: logger).createUserWithToken(
                PersonDetails(name: name, email: nil, role: role, authority: authority, networks: networks), label: label,
                expiresAt: expiresAt, context: .commandLine)
        }
        return """
            Token \(record.id.lowercased) for \(record.userName) (\(describe(record))):
            \(token.value)
            Keep it safe: it is not shown again. Use it as `Authorization: Bearer <token>`.
            """
    }

    public static func listTokens(database: DatabaseURL, logger: Logger) async throws -> String {
        let tokens = try await DatabaseSession.run(database, logger: logger) { client in
            try await IdentityStore(client: client, logger: logger).tokens()
        }
        let formatter = ISO8601DateFormatter()
        let lines = tokens.map { token in
            let state =
                token.revokedAt != nil ? "revoked"
                : token.expiresAt.map { $0 < Date() ? "expired" : "expires \(formatter.string(from: $0))" } ?? "no expiry"
            return "\(token.id.lowercased)  \(token.hint)…  \(token.userName) (\(describe(token)))  \(state)"
        }
        return lines.isEmpty ? "No tokens." : lines.joined(separator: "\n")
    }

    public static func revokeToken(database: DatabaseURL, id: String, logger: Logger) async throws {
        guard let uuid = UUID(uuidString: id) else { throw ConfigurationError("\(id) is not a token id") }
        try await DatabaseSession.run(database, logger: logger) { client in
            try await IdentityStore(client: client, logger: logger).revoke(uuid, context: .commandLine)
        }
    }

    private static func describe(_ token: IdentityStore.TokenRecord) -> String {
        switch token.role {
        case .authorityEditor: return "authority_editor of \(token.authority ?? "?")"
        case .networkMember: return "network_member of \(token.networks.joined(separator: ", "))"
        default: return token.role.rawValue
        }
    }
}
