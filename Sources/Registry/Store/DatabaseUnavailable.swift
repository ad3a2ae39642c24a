/// PostgreSQL cannot be reached, or did not answer in time: nothing the caller did, and worth
/// retrying shortly.
struct DatabaseUnavailable: Error, Sendable, CustomStringConvertible {
    var description: String { "the database is unavailable" }
}
