import Foundation

/// Who is writing and on whose behalf; every store write takes one.
struct WriteContext: Sendable {
    var caller: Caller
    /// Records made by `csc-registry demo` are marked, so they can be told apart and removed.
    var isDemo: Bool
    /// For a replace or delete: the version the caller last read; nil accepts the current one.
    var expectedVersion: Int?

    /// A write by `caller`; anonymous callers are told to sign in before anything else is
    /// looked at.
    static func signedIn(_ caller: Caller) throws -> WriteContext {
        try Permissions.requireSignedIn(caller)
        return WriteContext(caller: caller, isDemo: false)
    }

    /// A replace or delete by `caller`, of the version named by the `If-Match` header.
    static func signedIn(_ caller: Caller, ifMatch: String?) throws -> WriteContext {
        try Permissions.requireSignedIn(caller)
        return WriteContext(caller: caller, isDemo: false, expectedVersion: try EntityTag.expectedVersion(ifMatch: ifMatch))
    }

    /// `csc-registry` commands run by whoever operates the server, with an administrator's rights.
    static let commandLine = WriteContext(
        caller: Caller(userID: nil, name: "command line", role: .admin), isDemo: false)

    /// The demonstration loader writes as an administrator.
    static let demo = WriteContext(
        caller: Caller(userID: nil, name: "demonstration data loader", role: .admin), isDemo: true)
}
