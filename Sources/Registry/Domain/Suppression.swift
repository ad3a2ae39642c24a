/// Whether a statistics table has the small-number rule applied (`Disclosure`), as everything
/// published must, or is unsuppressed for DfE's own analysis and marked not for publication.
enum Suppression: String, Sendable {
    case applied
    case none

    /// What an unsuppressed file says of itself, in its own rows and in its metadata.
    static let notForPublication = "Not for publication: small numbers not suppressed"
}
