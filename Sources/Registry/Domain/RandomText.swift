import Foundation

/// Unguessable text for states, nonces, cookies and CSRF tokens, from the system's secure generator.
public enum RandomText {
    public static func make(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URLEncoded
    }
}
