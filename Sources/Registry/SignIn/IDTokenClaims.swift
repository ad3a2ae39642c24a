import Foundation
import JWTKit

/// The claims of an ID token that signing in reads. jwt-kit checks the signature only: every
/// claim is checked by `IDTokenVerifier`, against its own clock, so each rule is tested alone.
struct IDTokenClaims: JWTPayload, Equatable {
    var issuer: String
    var subject: String
    var audience: [String]
    var expires: Date
    var issuedAt: Date
    var nonce: String?
    var authorizedParty: String?
    var email: String?
    var emailVerified: Bool?
    var name: String?
    var tenant: String?
    var preferredUsername: String?

    enum CodingKeys: String, CodingKey {
        case issuer = "iss", subject = "sub", audience = "aud", expires = "exp", issuedAt = "iat", nonce
        case authorizedParty = "azp", email, emailVerified = "email_verified", name, tenant = "tid"
        case preferredUsername = "preferred_username"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        issuer = try c.decode(String.self, forKey: .issuer)
        subject = try c.decode(String.self, forKey: .subject)
        // `aud` is one string or an array of them (OpenID Connect Core §2).
        if let one = try? c.decode(String.self, forKey: .audience) {
            audience = [one]
        } else {
            audience = try c.decode([String].self, forKey: .audience)
        }
        expires = Date(timeIntervalSince1970: try c.decode(Double.self, forKey: .expires))
        issuedAt = Date(timeIntervalSince1970: try c.decode(Double.self, forKey: .issuedAt))
        nonce = try c.decodeIfPresent(String.self, forKey: .nonce)
        authorizedParty = try c.decodeIfPresent(String.self, forKey: .authorizedParty)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        // Some providers send "true" as text.
        if let flag = try? c.decodeIfPresent(Bool.self, forKey: .emailVerified) {
            emailVerified = flag
        } else {
            emailVerified = (try? c.decodeIfPresent(String.self, forKey: .emailVerified)).flatMap { $0.map { $0 == "true" } }
        }
        name = try c.decodeIfPresent(String.self, forKey: .name)
        tenant = try c.decodeIfPresent(String.self, forKey: .tenant)
        preferredUsername = try c.decodeIfPresent(String.self, forKey: .preferredUsername)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(subject, forKey: .subject)
        try c.encode(audience, forKey: .audience)
        try c.encode(expires.timeIntervalSince1970.rounded(), forKey: .expires)
        try c.encode(issuedAt.timeIntervalSince1970.rounded(), forKey: .issuedAt)
        try c.encodeIfPresent(nonce, forKey: .nonce)
        try c.encodeIfPresent(authorizedParty, forKey: .authorizedParty)
        try c.encodeIfPresent(email, forKey: .email)
        try c.encodeIfPresent(emailVerified, forKey: .emailVerified)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(tenant, forKey: .tenant)
        try c.encodeIfPresent(preferredUsername, forKey: .preferredUsername)
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
