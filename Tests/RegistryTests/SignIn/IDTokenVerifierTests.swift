import Crypto
import Foundation
import JWTKit
import Testing

@testable import Registry

/// Every rule an ID token must pass, each broken alone, with tokens signed by keys made here.
@Suite struct IDTokenVerifierTests {
    static let issuer = "https://login.example.gov.uk"
    static let clientID = "csc-registry"
    static let nonce = "n-0S6_WzA2Mj"
    let key = ES256PrivateKey()
    let kid = "key-1"

    var provider: OpenIDProvider {
        OpenIDProvider(id: "test", displayName: "Test", issuer: URL(string: Self.issuer)!, clientID: Self.clientID, clientSecret: "s")
    }

    var metadata: OpenIDMetadata {
        OpenIDMetadata(
            issuer: Self.issuer, authorizationEndpoint: URL(string: Self.issuer + "/authorize")!,
            tokenEndpoint: URL(string: Self.issuer + "/token")!, jwksURI: URL(string: Self.issuer + "/jwks")!,
            signingAlgorithms: ["RS256", "ES256"], tokenEndpointAuthMethods: nil)
    }

    /// The provider publishes the test key only, without saying which algorithm it is for.
    var lookup: IDTokenVerifier.KeyLookup {
        let parameters = key.parameters!
        let jwk = JWK.ecdsa(nil, identifier: JWKIdentifier(string: kid), x: parameters.x, y: parameters.y, curve: .p256)
        let kid = kid
        return { requested in requested == kid ? jwk : nil }
    }

    struct Claims: JWTPayload {
        var iss = IDTokenVerifierTests.issuer
        var sub = "248289761001"
        var aud: [String] = [IDTokenVerifierTests.clientID]
        var exp = Date().addingTimeInterval(300).timeIntervalSince1970.rounded()
        var iat = Date().timeIntervalSince1970.rounded()
        var nonce: String? = IDTokenVerifierTests.nonce
        var azp: String?
        var email: String? = "jo.smith@council.example"
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    func signed(_ claims: Claims, kid: String? = nil, with signingKey: ES256PrivateKey? = nil) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: signingKey ?? key, kid: JWKIdentifier(string: kid ?? self.kid))
        return try await keys.sign(claims, kid: JWKIdentifier(string: kid ?? self.kid))
    }

    /// A token whose header and signature are written by hand, as an attacker would.
    func forged(header: String, claims: Claims, signature: (Data) -> Data) throws -> String {
        let input = Data(header.utf8).base64URLEncoded + "." + (try JSONEncoder().encode(claims)).base64URLEncoded
        return input + "." + signature(Data(input.utf8)).base64URLEncoded
    }

    func refusal(_ token: String, nonce: String = IDTokenVerifierTests.nonce) async -> String? {
        do {
            _ = try await IDTokenVerifier(provider: provider, metadata: metadata).verify(token, nonce: nonce, key: lookup)
            return nil
        } catch let failure as SignInFailure {
            return failure.reason
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func aGoodTokenPassesWithItsClaims() async throws {
        let claims = try await IDTokenVerifier(provider: provider, metadata: metadata)
            .verify(try await signed(Claims()), nonce: Self.nonce, key: lookup)
        #expect(claims.subject == "248289761001" && claims.email == "jo.smith@council.example")
    }

    @Test func eachBrokenClaimIsRefusedAndNamed() async throws {
        var cases: [(String, Claims, String)] = []
        var c = Claims(); c.iss = "https://elsewhere.example"; cases.append(("wrong issuer", c, "issuer https://elsewhere.example"))
        c = Claims(); c.aud = ["another-client"]; cases.append(("wrong audience", c, "audience another-client"))
        c = Claims(); c.aud = [Self.clientID, "another-client"]; cases.append(("two audiences, no azp", c, "no azp"))
        c = Claims(); c.azp = "another-client"; cases.append(("wrong azp", c, "azp another-client"))
        c = Claims(); c.exp = Date().addingTimeInterval(-120).timeIntervalSince1970; cases.append(("expired", c, "expired"))
        c = Claims(); c.iat = Date().addingTimeInterval(600).timeIntervalSince1970; cases.append(("issued in the future", c, "in the future"))
        c = Claims(); c.iat = Date().addingTimeInterval(-3600).timeIntervalSince1970; cases.append(("issued long ago", c, "too long ago"))
        c = Claims(); c.nonce = "another-sign-in"; cases.append(("wrong nonce", c, "nonce"))
        c = Claims(); c.nonce = nil; cases.append(("no nonce", c, "nonce"))
        for (name, claims, expected) in cases {
            let reason = await refusal(try await signed(claims))
            #expect(reason?.contains(expected) == true, "\(name): \(reason ?? "accepted")")
        }
        // Within the minute's leeway either way, a token still passes.
        var c2 = Claims(); c2.exp = Date().addingTimeInterval(-30).timeIntervalSince1970
        #expect(await refusal(try await signed(c2)) == nil)
    }

    @Test func algNoneIsRefused() async throws {
        let token = try forged(header: #"{"alg":"none","kid":"key-1"}"#, claims: Claims()) { _ in Data() }
        #expect(await refusal(token)?.contains("algorithm none") == true)
    }

    /// The classic confusion: an HMAC keyed with the provider's public key, which anyone has.
    @Test func hs256KeyedWithThePublicKeyIsRefused() async throws {
        let secret = SymmetricKey(data: Data(key.publicKey.pemRepresentation.utf8))
        let token = try forged(header: #"{"alg":"HS256","kid":"key-1","typ":"JWT"}"#, claims: Claims()) { input in
            Data(HMAC<SHA256>.authenticationCode(for: input, using: secret))
        }
        #expect(await refusal(token)?.contains("algorithm HS256") == true)
    }

    @Test func aSignatureByAnotherKeyOrAnUnknownKeyIsRefused() async throws {
        let other = ES256PrivateKey()
        #expect(await refusal(try await signed(Claims(), with: other))?.contains("signature") == true)
        #expect(await refusal(try await signed(Claims(), kid: "key-2", with: other))?.contains("key key-2") == true)
    }

    @Test func aTamperedPayloadIsRefused() async throws {
        let token = try await signed(Claims())
        let parts = token.split(separator: ".")
        var claims = Claims()
        claims.sub = "someone-else"
        let tampered = [String(parts[0]), try JSONEncoder().encode(claims).base64URLEncoded, String(parts[2])].joined(separator: ".")
        #expect(await refusal(tampered)?.contains("signature") == true)
    }

    @Test func microsoftMultiTenantIssuersAreFilledFromTheTenant() {
        #expect(
            IDTokenVerifier.issuer("https://login.microsoftonline.com/{tenantid}/v2.0", tenant: "9188040d")
                == "https://login.microsoftonline.com/9188040d/v2.0")
        #expect(IDTokenVerifier.issuer(Self.issuer, tenant: "9188040d") == Self.issuer)
    }
}
