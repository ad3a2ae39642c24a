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

    /// Time, then national before regional before local authority rows, then places by code,
    /// then filter values with `Total` first: the order EES files are read in.
    static func publicationOrder(_ a: StatisticsRow, _ b: StatisticsRow) -> Bool {
        let levels = GeographicLevel.allCases
        func key(_ row: StatisticsRow) -> [String] {
            [row.timePeriod, row.timeIdentifier, String(levels.firstIndex(of: row.level)!),
             row.regionCode ?? "", row.authorityCode ?? ""] + row.filters.map { $0 == "Total" ? "" : $0 }
        }
        return key(a).lexicographicallyPrecedes(key(b))
    }
}
