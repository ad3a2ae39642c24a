/// A value in the database that the contract has no name for: a migration and openapi.yaml
/// disagree. Never the caller's fault, so it surfaces as a 500.
struct StoreInconsistency: Error, CustomStringConvertible {
    let column: String
    let value: String
    var description: String { "column \(column) holds \(value), which openapi.yaml does not list" }
}
