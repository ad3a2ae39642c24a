import Foundation

/// One organisation's OpenID Connect provider, as configured (`OIDC_<ID>_...`): where it is,
/// who we are to it, and whom it may sign in.
public struct OpenIDProvider: Sendable, Equatable {
    /// Short name in addresses and the trail: `/sign-in/<id>`.
    public var id: String
    /// What the sign-in button says, such as "your council's Microsoft account".
    public var displayName: String
    /// The issuer, as the provider's discovery document and ID tokens state it. Microsoft's
    /// multi-tenant issuers contain `{tenantid}`, filled from each token's `tid`.
    public var issuer: URL
    public var clientID: String
    public var clientSecret: String
    /// When not empty, only people whose verified e-mail address is at one of these domains.
    public var emailDomains: [String] = []
    /// When not empty, only people from these Entra ID tenants (the token's `tid`).
    public var tenants: [String] = []
    /// Whether the provider's `email` claim may be taken as verified without `email_verified`:
    /// true for an Entra ID tenant limited by `tenants`, whose domains the tenant has verified.
    public var trustsEmail = false
    /// A provider for local development: the sign-in page says so.
    public var isDevelopment = false

    public init(id: String, displayName: String, issuer: URL, clientID: String, clientSecret: String) {
        self.id = id
        self.displayName = displayName
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    /// Where the provider sends people back to, to be registered with it.
    public func redirectURI(publicURL: URL) -> URL {
        publicURL.appendingPathComponent("sign-in").appendingPathComponent(id).appendingPathComponent("callback")
    }

    /// Providers from `OIDC_PROVIDERS` (comma-separated ids) and, for each id, `OIDC_<ID>_ISSUER`,
    /// `_CLIENT_ID`, `_CLIENT_SECRET` (required), `_NAME`, `_EMAIL_DOMAINS`, `_TENANTS`,
    /// `_TRUSTS_EMAIL` and `_DEVELOPMENT` (optional).
    public static func fromEnvironment(_ environment: [String: String]) throws -> [OpenIDProvider] {
        let ids = (environment["OIDC_PROVIDERS"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return try ids.map { id in
            guard id.range(of: "^[a-z][a-z0-9-]{0,30}$", options: .regularExpression) != nil else {
                throw ConfigurationError("OIDC_PROVIDERS: '\(id)' must be lower-case letters, digits and hyphens, starting with a letter.")
            }
            let prefix = "OIDC_" + id.uppercased().replacingOccurrences(of: "-", with: "_") + "_"
            func required(_ name: String) throws -> String {
                guard let value = environment[prefix + name], !value.isEmpty else {
                    throw ConfigurationError("\(prefix)\(name) is not set; provider '\(id)' in OIDC_PROVIDERS needs it.")
                }
                return value
            }
            func list(_ name: String) -> [String] {
                (environment[prefix + name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                    .filter { !$0.isEmpty }
            }
            func flag(_ name: String) throws -> Bool {
                switch environment[prefix + name]?.lowercased() {
                case nil, "", "false", "0", "no": return false
                case "true", "1", "yes": return true
                case let other?: throw ConfigurationError("\(prefix)\(name) must be true or false, not '\(other)'.")
                }
            }
            let issuerText = try required("ISSUER")
            guard let issuer = URL(string: issuerText), let scheme = issuer.scheme, issuer.host != nil,
                scheme == "https" || (scheme == "http" && ["127.0.0.1", "localhost", "::1"].contains(issuer.host ?? ""))
            else {
                throw ConfigurationError("\(prefix)ISSUER must be an https address (http only on loopback), not '\(issuerText)'.")
            }
            var provider = OpenIDProvider(
                id: id, displayName: environment[prefix + "NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? id,
                issuer: issuer, clientID: try required("CLIENT_ID"), clientSecret: try required("CLIENT_SECRET"))
            provider.emailDomains = list("EMAIL_DOMAINS")
            provider.tenants = list("TENANTS")
            provider.trustsEmail = try flag("TRUSTS_EMAIL")
            provider.isDevelopment = try flag("DEVELOPMENT")
            return provider
        }
    }
}
