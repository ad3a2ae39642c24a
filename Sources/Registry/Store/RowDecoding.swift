import Foundation
import PostgresNIO

extension PostgresRandomAccessRow {
    func get<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try self[column].decode(T.self, context: .default)
    }

    /// A vocabulary column; the database's CHECK constraint guarantees the value is known.
    func term<Term: RawRepresentable>(_ column: String, as type: Term.Type = Term.self) throws -> Term
    where Term.RawValue == String {
        let raw = try get(column, as: String.self)
        guard let term = Term(rawValue: raw) else { throw StoreInconsistency(column: column, value: raw) }
        return term
    }

    func optionalTerm<Term: RawRepresentable>(_ column: String, as type: Term.Type = Term.self) throws -> Term?
    where Term.RawValue == String {
        try get(column, as: String?.self).map { raw in
            guard let term = Term(rawValue: raw) else { throw StoreInconsistency(column: column, value: raw) }
            return term
        }
    }

    func terms<Term: RawRepresentable>(_ column: String, as type: Term.Type = Term.self) throws -> [Term]
    where Term.RawValue == String {
        try get(column, as: [String].self).map { raw in
            guard let term = Term(rawValue: raw) else { throw StoreInconsistency(column: column, value: raw) }
            return term
        }
    }
}

extension PostgresRowSequence {
    /// Every row, for queries bounded by a LIMIT or a parent's small set of children.
    func all<Item>(_ transform: (PostgresRandomAccessRow) throws -> Item) async throws -> [Item] {
        var items: [Item] = []
        for try await row in self { items.append(try transform(row.makeRandomAccess())) }
        return items
    }

    func first<Item>(_ transform: (PostgresRandomAccessRow) throws -> Item) async throws -> Item? {
        for try await row in self { return try transform(row.makeRandomAccess()) }
        return nil
    }
}

/// A value in the database that the contract has no name for: a migration and openapi.yaml
/// disagree. Never the caller's fault, so it surfaces as a 500.
struct StoreInconsistency: Error, CustomStringConvertible {
    let column: String
    let value: String
    var description: String { "column \(column) holds \(value), which openapi.yaml does not list" }
}

/// Who is writing and on whose behalf; every store write takes one.
struct WriteContext: Sendable {
    var caller: Caller
    /// Records made by `csc-registry demo` are marked, so they can be told apart and removed.
    var isDemo: Bool
    /// For a replace or delete: the version the caller last read; nil accepts the current one.
    var expectedVersion: Int?

    /// A write through the API, by whoever signed the request; anonymous callers are told to
    /// sign in before anything else is looked at.
    static var api: WriteContext {
        get throws {
            try Permissions.requireSignedIn(Caller.current)
            return WriteContext(caller: Caller.current, isDemo: false)
        }
    }

    /// A replace or delete through the API, of the version named by the `If-Match` header.
    static func api(ifMatch: String?) throws -> WriteContext {
        try Permissions.requireSignedIn(Caller.current)
        return WriteContext(caller: Caller.current, isDemo: false, expectedVersion: try EntityTag.expectedVersion(ifMatch: ifMatch))
    }

    /// The demonstration loader writes as an administrator.
    static let demo = WriteContext(
        caller: Caller(userID: nil, name: "demonstration data loader", role: .admin), isDemo: true)
}
