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
