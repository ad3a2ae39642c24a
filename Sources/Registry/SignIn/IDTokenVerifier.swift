import Foundation
import JWTKit

/// Checks an ID token completely (OpenID Connect Core §3.1.3.7): an asymmetric algorithm the
/// provider uses, a key the provider publishes for it, the signature, then issuer, audience,
/// `azp`, expiry, issue time and nonce against this sign-in.
struct IDTokenVerifier: Sendable {
    let provider: OpenIDProvider
    let metadata: OpenIDMetadata
    /// Clocks differ by a little; a minute either way is allowed.
    static let leeway: TimeInterval = 60
    /// The token was minted for this sign-in moments ago; an older one is a replay.
    static let oldestIssue: TimeInterval = 600
    /// Asymmetric algorithms only: `none` signs nothing, and an HMAC "signed" with the public key
    /// would let anyone who has that key mint tokens.
    static let algorithms: [String: JWK.KeyType] = [
        "RS256": .rsa, "RS384": .rsa, "RS512": .rsa, "PS256": .rsa, "PS384": .rsa, "PS512": .rsa,
        "ES256": .ecdsa, "ES384": .ecdsa, "ES512": .ecdsa,
    ]

    /// The provider's key by `kid`; nil when it publishes no such key (even after refreshing).
    typealias KeyLookup = @Sendable (_ kid: String?) async throws -> JWK?

    func verify(_ token: String, nonce: String, now: Date = Date(), key: KeyLookup) async throws -> IDTokenClaims {
        let header = try Self.header(of: token)
        guard let alg = header.alg else { throw SignInFailure.invalidToken("no algorithm in its header") }
        guard let keyType = Self.algorithms[alg] else {
            throw SignInFailure.invalidToken("algorithm \(alg) is not an asymmetric signature the registry accepts")
        }
        if let advertised = metadata.signingAlgorithms, !advertised.contains(alg) {
            throw SignInFailure.invalidToken("algorithm \(alg) is not one the provider signs with")
        }
        guard var jwk = try await key(header.kid) else {
            throw SignInFailure.invalidToken("key \(header.kid ?? "(none named)") is not one the provider publishes")
        }
        guard jwk.keyType == keyType, jwk.algorithm == nil || jwk.algorithm?.rawValue == alg else {
            throw SignInFailure.invalidToken("algorithm \(alg) does not match the provider's key \(header.kid ?? "")")
        }
        jwk.algorithm = JWK.Algorithm(rawValue: alg)
        let keys = JWTKeyCollection()
        let claims: IDTokenClaims
        do {
            try await keys.add(jwk: jwk)
            claims = try await keys.verify(token, as: IDTokenClaims.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw SignInFailure.invalidToken("its signature does not verify")
        } catch {
            throw SignInFailure.invalidToken("it could not be read: \(error)")
        }
        try check(claims, nonce: nonce, now: now)
        return claims
    }

    /// Every claim rule, in the order the specification gives them.
    func check(_ claims: IDTokenClaims, nonce: String, now: Date) throws {
        let expectedIssuer = Self.issuer(metadata.issuer, tenant: claims.tenant)
        guard claims.issuer == expectedIssuer else {
            throw SignInFailure.invalidToken("issuer \(claims.issuer) is not \(expectedIssuer)")
        }
        guard claims.audience.contains(provider.clientID) else {
            throw SignInFailure.invalidToken("audience \(claims.audience.joined(separator: ", ")) does not include this registry")
        }
        if claims.audience.count > 1, claims.authorizedParty == nil {
            throw SignInFailure.invalidToken("it has several audiences and no azp")
        }
        if let party = claims.authorizedParty, party != provider.clientID {
            throw SignInFailure.invalidToken("azp \(party) is not this registry")
        }
        guard claims.expires > now.addingTimeInterval(-Self.leeway) else {
            throw SignInFailure.invalidToken("it expired at \(claims.expires)")
        }
        guard claims.issuedAt <= now.addingTimeInterval(Self.leeway) else {
            throw SignInFailure.invalidToken("it was issued in the future, at \(claims.issuedAt)")
        }
        guard claims.issuedAt >= now.addingTimeInterval(-Self.oldestIssue) else {
            throw SignInFailure.invalidToken("it was issued at \(claims.issuedAt), too long ago for this sign-in")
        }
        guard claims.nonce == nonce else { throw SignInFailure.invalidToken("its nonce is not this sign-in's") }
        guard !claims.subject.isEmpty else { throw SignInFailure.invalidToken("it names no subject") }
    }

    /// Microsoft's multi-tenant discovery documents give `…/{tenantid}/v2.0`; each token's issuer
    /// has its own tenant there.
    static func issuer(_ discovered: String, tenant: String?) -> String {
        guard discovered.contains("{tenantid}"), let tenant else { return discovered }
        return discovered.replacingOccurrences(of: "{tenantid}", with: tenant)
    }

    struct Header: Decodable {
        var alg: String?
        var kid: String?
    }

    /// The header, read before anything is trusted, to choose the key.
    static func header(of token: String) throws -> Header {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Data(base64URLEncoded: parts[0]),
            let header = try? JSONDecoder().decode(Header.self, from: data)
        else { throw SignInFailure.invalidToken("it is not a signed JWT") }
        return header
    }
}
