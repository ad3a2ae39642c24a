import Foundation

/// The people a development sign-in offers, one of each role, invited with the demonstration
/// data. Their addresses are at `.example`, a domain no real provider can verify, so only the
/// development provider signs anyone in as them.
public enum DemoPeople {
    public struct Entry: Sendable {
        /// Their subject at the development provider: what its sign-in page lists.
        public var subject: String
        public var details: PersonDetails
    }

    public static let all: [Entry] = [
        entry("admin", "Demo administrator", "admin@registry.example", .admin),
        entry("hartlepool-editor", "Hartlepool digital lead (demo)", "digital.lead@hartlepool.example", .authorityEditor, authority: "E06000001"),
        entry("leeds-editor", "Leeds digital lead (demo)", "digital.lead@leeds.example", .authorityEditor, authority: "E08000035"),
        entry("kent-editor", "Kent digital lead (demo)", "digital.lead@kent.example", .authorityEditor, authority: "E10000016"),
        entry(
            "northern-network-member", "Northern AI Demonstrator lead (demo)", "lead@northern-demonstrator.example", .networkMember,
            networks: ["northern-ai-demonstrator"]),
        entry("dfe-analyst", "DfE analyst (demo)", "analyst@education.example", .nationalAnalyst),
    ]

    /// What the development provider says about each, as JSON objects for its `--user-claims`.
    public static func providerClaims() throws -> [String] {
        try all.map { entry in
            let claims = Claims(sub: entry.subject, name: entry.details.name, email: entry.details.email ?? "")
            return String(decoding: try JSONEncoder().encode(claims), as: UTF8.self)
        }
    }

    /// The provider passes claims through as given; a verified address is what invitations match.
    private struct Claims: Encodable {
        var sub: String
        var name: String
        var email: String
        var emailVerified = true

        enum CodingKeys: String, CodingKey {
            case sub, name, email
            case emailVerified = "email_verified"
        }
    }

    private static func entry(
        _ subject: String, _ name: String, _ email: String, _ role: Caller.Role, authority: String? = nil, networks: [String] = []
    ) -> Entry {
        Entry(subject: subject, details: PersonDetails(name: name, email: email, role: role, authority: authority, networks: networks))
    }
}
