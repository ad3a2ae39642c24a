import PostgresNIO

/// The tests' own reads of the database, row by row.
extension PostgresRowSequence {
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
