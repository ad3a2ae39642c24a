import Foundation

/// Someone who signs in, or the system a token was issued for: one role with its scope, and
/// whether they may sign in at all.
public struct Person: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        /// Added by an administrator, not yet signed in: the first sign-in with a verified
        /// e-mail address at this address binds their account.
        case invited
        case active
        /// Signs in no more; their sessions and tokens stop at once.
        case suspended
    }

    public var id: UUID
    public var name: String
    public var email: String?
    public var role: Caller.Role
    public var authority: String?
    /// The networks' slugs, for a network member.
    public var networks: [String]
    public var state: State
    public var createdAt: Date
    public var updatedAt: Date
    /// The providers whose accounts are bound to this person.
    public var providers: [String]
    public var lastSignedInAt: Date?

    /// The role in words, with its scope: "editor for E06000001".
    public var roleDescription: String {
        switch role {
        case .admin: "administrator"
        case .authorityEditor: "editor for \(authority ?? "?")"
        case .networkMember: "member of \(networks.joined(separator: ", "))"
        case .nationalAnalyst: "national analyst"
        case .anonymous: "no role"
        }
    }
}

/// What an administrator sets on a person: all of it on an invitation, the whole role and scope
/// on a change, so a role never keeps a scope from before.
public struct PersonDetails: Sendable, Equatable {
    public var name: String
    public var email: String?
    public var role: Caller.Role
    public var authority: String?
    public var networks: [String]

    public init(name: String, email: String?, role: Caller.Role, authority: String?, networks: [String]) {
        self.name = name
        self.email = email
        self.role = role
        self.authority = authority
        self.networks = networks
    }

    /// The rules both the API and the command line apply before anything is written.
    public func validate(into v: inout InputValidator) {
        v.text(name, "name", max: 200, required: true)
        if let email {
            if email.count > 320 || email.range(of: #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#, options: .regularExpression) == nil {
                v.fail("email", "must be an e-mail address such as name@council.gov.uk")
            }
        }
        v.count(networks, "networks", max: 50)
        v.distinct(networks, "networks")
        switch role {
        case .anonymous: v.fail("role", "is not a role a person can have")
        case .authorityEditor where authority == nil: v.fail("authority", "is required for an authority editor")
        case .networkMember where networks.isEmpty: v.fail("networks", "must name at least one network for a network member")
        default: break
        }
        if role != .authorityEditor && authority != nil { v.fail("authority", "is only for authority editors") }
        if role != .networkMember && !networks.isEmpty { v.fail("networks", "are only for network members") }
    }
}
