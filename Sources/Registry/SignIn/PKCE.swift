import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636, S256): the browser's sign-in carries a hash of a secret
/// only the server knows, so an intercepted authorization code is useless to anyone else.
struct PKCE: Sendable {
    let verifier: String

    static func generate() -> PKCE { PKCE(verifier: RandomText.make(bytes: 32)) }

    var challenge: String { Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded }
}
