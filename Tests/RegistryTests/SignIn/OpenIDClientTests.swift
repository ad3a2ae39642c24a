import CryptoExtras
import Foundation
import JWTKit
import Testing

@testable import Registry

/// The client against the real development provider: discovery, its keys, and what happens
/// when a token names a key the provider does not publish.
@Suite struct OpenIDClientTests {
    @Test func discoveryAndKeysComeFromTheProvider() async throws {
        let client = OpenIDClient(provider: try TestOpenIDProvider.provider)
        let metadata = try await client.discover()
        #expect(metadata.issuer == (try TestOpenIDProvider.issuer).absoluteString)
        #expect(metadata.signingAlgorithms?.contains("RS256") == true)
        // The provider's one key is found by its kid, and when a token names none.
        #expect(try await client.key(nil)?.keyType == .rsa)
        #expect(await client.keyFetches == 1)
    }

    /// A key rotated in at the provider appears after one fetch; a made-up one costs one fetch,
    /// then is refused, and a flood of them fetches nothing more.
    @Test func anUnknownKeyIsFetchedForOnceThenRefused() async throws {
        let client = OpenIDClient(provider: try TestOpenIDProvider.provider)
        let metadata = try await client.discover()
        _ = try await client.key(nil)
        await client.allowKeyRefetch()
        // RS256, as the provider signs, with a key it does not have.
        let key = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        let keys = JWTKeyCollection()
        await keys.add(rsa: key, digestAlgorithm: .sha256, kid: "rotated-key")
        var claims = IDTokenVerifierTests.Claims()
        claims.iss = metadata.issuer
        claims.aud = [try TestOpenIDProvider.provider.clientID]
        let token = try await keys.sign(claims, kid: "rotated-key")
        let verifier = IDTokenVerifier(provider: try TestOpenIDProvider.provider, metadata: metadata)
        await #expect(throws: SignInFailure.invalidToken("key rotated-key is not one the provider publishes")) {
            try await verifier.verify(token, nonce: IDTokenVerifierTests.nonce) { try await client.key($0) }
        }
        #expect(await client.keyFetches == 2)
        for kid in ["made-up-1", "made-up-2", "made-up-3"] { #expect(try await client.key(kid) == nil) }
        #expect(await client.keyFetches == 2)
    }

    @Test func aProviderThatDoesNotAnswerIsSaidToBeUnavailable() async throws {
        var provider = try TestOpenIDProvider.provider
        provider.issuer = URL(string: "http://127.0.0.1:9")!
        do {
            _ = try await OpenIDClient(provider: provider).discover()
        } catch let failure as SignInFailure {
            guard case .providerUnavailable = failure else { Issue.record("\(failure)"); return }
            return
        }
        Issue.record("a provider that does not answer was taken as discovered")
    }
}
