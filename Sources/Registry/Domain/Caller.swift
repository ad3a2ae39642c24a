import Foundation

/// Who is making a request, as far as reading and changing records goes.
public struct Caller: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        case anonymous
        case admin
        case authorityEditor = "authority_editor"
        case networkMember = "network_member"
        case nationalAnalyst = "national_analyst"
    }

    public var userID: UUID?
    public var name: String
    public var role: Role
    /// The one authority an editor edits.
    public var authority: String?
    /// The networks a network member reads on behalf of.
    public var networks: [UUID]

    public init(userID: UUID?, name: String, role: Role, authority: String? = nil, networks: [UUID] = []) {
        self.userID = userID
        self.name = name
        self.role = role
        self.authority = authority
        self.networks = networks
    }

    public static let anonymous = Caller(userID: nil, name: "anonymous", role: .anonymous)

    /// Who signed the request being handled: set by `AuthenticationMiddleware` for the rest of
    /// the request, because the generated handlers receive no request context.
    @TaskLocal public static var ofThisRequest = Caller.anonymous

    /// Whether the caller may edit records that belong to `authority`.
    public func edits(_ authority: String) -> Bool {
        role == .admin || (role == .authorityEditor && self.authority == authority)
    }
}
