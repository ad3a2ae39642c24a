import PostgresNIO

/// Every row of a statement, read off the connection as fast as it arrives.
///
/// PostgresNIO's back-pressured row stream stops the whole process (a precondition in its
/// `RowStreamStateMachine`) when the database closes the connection while a stream waits for
/// its reader, as when PostgreSQL is restarted under load. A result read whole never waits for
/// a reader, and every caller here keeps the whole result anyway.
struct FetchedRows: Sendable, RandomAccessCollection {
    let rows: [PostgresRow]

    var startIndex: Int { rows.startIndex }
    var endIndex: Int { rows.endIndex }
    subscript(position: Int) -> PostgresRow { rows[position] }

    /// Each row as a tuple of the given column types.
    func decode<each Column: PostgresDecodable>(_ columns: (repeat each Column).Type) throws -> [(repeat each Column)] {
        try rows.map { try $0.decode(columns, context: .default) }
    }

    /// Every row, for queries bounded by a LIMIT or a parent's small set of children.
    func all<Item>(_ transform: (PostgresRandomAccessRow) throws -> Item) throws -> [Item] {
        try rows.map { try transform($0.makeRandomAccess()) }
    }

    func first<Item>(_ transform: (PostgresRandomAccessRow) throws -> Item) throws -> Item? {
        try rows.first.map { try transform($0.makeRandomAccess()) }
    }
}
