import Crypto
import Foundation

/// An API bearer token: 256 random bits, shown to its owner once and kept only as a hash.
public struct BearerToken: Sendable {
    static let prefix = "csc_"
    /// How long a token works unless its issuer says otherwise: a year, then it is reissued,
    /// so a token forgotten in a script or a leaver's password manager stops by itself.
    public static let defaultLifetimeDays = 365
    public static let longestLifetimeDays = 3 * 365

    /// When a token issued now for `days` (the default if nil) stops working.
    public static func expiry(days: Int?, from now: Date = Date()) -> Date {
        now.addingTimeInterval(Double(days ?? defaultLifetimeDays) * 86_400)
    }

    public let value: String

    /// A new token from the system's cryptographically secure generator.
    public static func generate() -> BearerToken {
        BearerToken(value: prefix + RandomText.make(bytes: 32))
    }

    public init(value: String) {
        self.value = value
    }

    /// Whether the text could be one of ours at all, before any database look-up.
    public var isWellFormed: Bool {
        value.hasPrefix(Self.prefix) && value.count == Self.prefix.count + 43
            && value.dropFirst(Self.prefix.count).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// What is stored: SHA-256, hex. Tokens are random, so no salt or slow hash is needed.
    public var hash: String { SHA256.hash(data: Data(value.utf8)).hex }

    /// Enough of the token to tell it apart in a list, too little to use it.
    public var hint: String { String(value.prefix(Self.prefix.count + 6)) }
}
