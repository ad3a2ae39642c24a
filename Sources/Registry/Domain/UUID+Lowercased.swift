import Foundation

extension UUID {
    /// PostgreSQL's spelling, which the API uses too.
    var lowercased: String { uuidString.lowercased() }
}
