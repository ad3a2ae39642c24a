/// PostgreSQL cannot be reached, or did not answer in time: nothing the caller did, and worth
/// retrying shortly.
struct DatabaseUnavailable: Error, Sendable, CustomStringConvertible {
    var description: String { "the database is unavailable" }

    /// What the caller is told, in every answer that says so.
    static let detail = "The registry's database cannot be reached just now. Nothing was changed; try again in a few seconds."
    static let retryAfterSeconds = 5
}
