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
    /// Each row's key is worked out once.
    static func inPublicationOrder(_ rows: [StatisticsRow]) -> [StatisticsRow] {
        let keys = rows.map(\.publicationKey)
        return rows.indices.sorted { keys[$0] < keys[$1] }.map { rows[$0] }
    }

    /// The ordering fields joined by a character below any in codes and names, so comparing
    /// the joined text compares the fields in turn; `Total` is empty, so it comes first.
    private var publicationKey: String {
        let level = GeographicLevel.allCases.firstIndex(of: level)!
        return ([timePeriod, timeIdentifier, String(level), regionCode ?? "", authorityCode ?? ""]
            + filters.map { $0 == "Total" ? "" : $0 }).joined(separator: "\u{1}")
    }
}
