import Crypto
import Foundation

/// A signed-in browser's session, as the pages of the request see it.
public struct BrowserSession: Sendable, Equatable {
    public var id: UUID
    /// Sent back with every form that changes something; a page of another site cannot read it.
    public var csrfToken: String

    public init(id: UUID, csrfToken: String) {
        self.id = id
        self.csrfToken = csrfToken
    }

    /// The session behind the request being handled, if it came with a session cookie: set by
    /// the authentication middleware, like `Caller.ofThisRequest`.
    @TaskLocal public static var ofThisRequest: BrowserSession?
}

/// The random value a browser holds in a cookie (a session, or a sign-in under way); only its
/// hash is stored.
public struct BrowserSecret: Sendable, Equatable {
    public let value: String

    public init(value: String) {
        self.value = value
    }

    public static func generate() -> BrowserSecret { BrowserSecret(value: RandomText.make(bytes: 32)) }

    /// 32 bytes in unpadded base64url are 43 characters.
    public var isWellFormed: Bool {
        value.count == 43 && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    public var hash: String { SHA256.hash(data: Data(value.utf8)).hex }
}

/// How long a session lasts: ended after `idleSeconds` without a request, and `absoluteSeconds`
/// after sign-in whatever happens.
public struct SessionTimeouts: Sendable, Equatable {
    public var idleSeconds: Int
    public var absoluteSeconds: Int

    /// An hour idle and ten hours in all: a working day's data entry with a lunch break needs
    /// one sign-in after lunch, and a forgotten browser is closed by the evening.
    public static let standard = SessionTimeouts(idleSeconds: 3600, absoluteSeconds: 36_000)

    public init(idleSeconds: Int, absoluteSeconds: Int) {
        self.idleSeconds = idleSeconds
        self.absoluteSeconds = absoluteSeconds
    }
}
