/// A failure the caller can act on. Raised by validation and the store, and turned into an
/// RFC 9457 problem response in exactly one place (`ProblemMiddleware`).
public enum RegistryError: Error, Sendable, Equatable {
    /// The request could not be read: malformed JSON, wrong type, missing field, bad cursor (400).
    case malformed([FieldIssue])
    /// The request was readable but breaks a rule: negative money, end before start (422).
    case invalid([FieldIssue])
    /// No record with that identifier, or none the caller may see (404).
    case notFound(resource: String, id: String)
    /// The change clashes with other records, such as a duplicate slug or a record still in use (409).
    case conflict(String)
    /// Changing records needs a signed-in caller (401).
    case signInRequired
    /// The caller is signed in but may not do this (403).
    case forbidden(String)
    /// A replace or delete without `If-Match` (428).
    case preconditionRequired
    /// The record changed since the version the caller named (412).
    case stale(currentVersion: Int)
}
