import Foundation

/// Why a sign-in did not end in a session. Each says what happened in words for the person at
/// the browser and, in `reason`, for the audit trail.
enum SignInFailure: Error, Sendable, Equatable {
    /// No provider of that name is configured.
    case unknownProvider(String)
    /// The provider could not be reached, or answered with something that is not OpenID Connect.
    case providerUnavailable(String)
    /// The provider refused or the person cancelled (`error` on the callback).
    case providerRefused(String)
    /// The callback does not belong to a sign-in this browser started: no sign-in cookie, no
    /// `state`, a `state` from elsewhere, an attempt already used or too old.
    case notThisBrowser(String)
    /// The ID token failed a check; the reason names which.
    case invalidToken(String)
    /// The provider did not vouch for the e-mail address, so no invitation can be matched to it.
    case emailNotVerified
    /// The account is outside the e-mail domains or tenants this provider may sign in.
    case notAllowed(String)
    /// Nobody in the registry has this account or address.
    case unknownPerson(email: String?)
    case suspended(name: String)

    /// The failure's kind alone, as a metric's label: never an address or a provider's words.
    var kind: String {
        switch self {
        case .unknownProvider: "unknown_provider"
        case .providerUnavailable: "provider_unavailable"
        case .providerRefused: "provider_refused"
        case .notThisBrowser: "not_this_browser"
        case .invalidToken: "invalid_token"
        case .emailNotVerified: "email_not_verified"
        case .notAllowed: "not_allowed"
        case .unknownPerson: "unknown_person"
        case .suspended: "suspended"
        }
    }

    var reason: String {
        switch self {
        case .unknownProvider(let id): "no provider called \(id)"
        case .providerUnavailable(let why): "provider unavailable: \(why)"
        case .providerRefused(let why): "provider refused: \(why)"
        case .notThisBrowser(let why): "not this browser's sign-in: \(why)"
        case .invalidToken(let why): "invalid ID token: \(why)"
        case .emailNotVerified: "e-mail address not verified by the provider"
        case .notAllowed(let why): "not allowed: \(why)"
        case .unknownPerson(let email): "no person with this account\(email.map { " or \($0)" } ?? "")"
        case .suspended(let name): "\(name) is suspended"
        }
    }
}
