struct StatisticsRow: Sendable, Equatable {
    var timePeriod: String
    var timeIdentifier: String
    var level: GeographicLevel
    var countryCode: String
    var regionCode: String?
    var authorityCode: String?
    /// One value per filter of the dataset, in its order; `Total` for the aggregate.
    var filters: [String]
    var values: [StatisticsValue]
    /// How many authorities' records the row rests on, and whether every one of them is public:
    /// what the small-number rule needs to know.
    var contributors: Int
    var allPublic: Bool

    var isSuppressed: Bool { values.contains(.suppressed) }

    mutating func suppress() {
        values = values.map { _ in .suppressed }
    }

    /// The rows by time, then national before regional before local authority rows, then
    /// places by code, then filter values with `Total` first: the order EES files are read in.
    /// Each row's key is worked out once, as ranks of its words among the table's distinct
    /// words, so sorting compares small integers; rows already in order are returned as they are.
    static func inPublicationOrder(_ rows: [StatisticsRow]) -> [StatisticsRow] {
        let keys = PublicationKeys(rows)
        guard rows.indices.dropFirst().contains(where: { keys.precedes($0, $0 - 1) }) else { return rows }
        return rows.indices.sorted { keys.precedes($0, $1) }.map { rows[$0] }
    }
}

/// Each row's ordering fields as ranks, side by side in one array: time period, time
/// identifier, level, region, authority, then each filter value (`Total` and no place rank
/// below every word, so they come first).
private struct PublicationKeys {
    private let width: Int
    private let ranks: [Int32]

    init(_ rows: [StatisticsRow]) {
        var distinct = Set<String>()
        for row in rows {
            distinct.insert(row.timePeriod)
            distinct.insert(row.timeIdentifier)
            if let region = row.regionCode { distinct.insert(region) }
            if let authority = row.authorityCode { distinct.insert(authority) }
            for filter in row.filters where filter != "Total" { distinct.insert(filter) }
        }
        var rank: [String: Int32] = [:]
        rank.reserveCapacity(distinct.count)
        for (index, word) in distinct.sorted().enumerated() { rank[word] = Int32(index + 1) }
        let width = 5 + (rows.map(\.filters.count).max() ?? 0)
        var ranks = [Int32](repeating: 0, count: rows.count * width)
        for (index, row) in rows.enumerated() {
            let start = index * width
            ranks[start] = rank[row.timePeriod]!
            ranks[start + 1] = rank[row.timeIdentifier]!
            ranks[start + 2] = Int32(GeographicLevel.allCases.firstIndex(of: row.level)!)
            ranks[start + 3] = row.regionCode.map { rank[$0]! } ?? 0
            ranks[start + 4] = row.authorityCode.map { rank[$0]! } ?? 0
            for (offset, filter) in row.filters.enumerated() where filter != "Total" {
                ranks[start + 5 + offset] = rank[filter]!
            }
        }
        self.width = width
        self.ranks = ranks
    }

    func precedes(_ first: Int, _ second: Int) -> Bool {
        let a = first * width, b = second * width
        for offset in 0..<width where ranks[a + offset] != ranks[b + offset] {
            return ranks[a + offset] < ranks[b + offset]
        }
        return false
    }
}
