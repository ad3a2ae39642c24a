/// A statistics table in Explore Education Statistics (EES) tidy form: one row per time,
/// geography and combination of filter values, indicators in the row's values.
/// The JSON API and the EES CSV are two renderings of the same table.
struct StatisticsTable: Sendable, Equatable {
    var dataset: StatisticsDataset
    var rows: [StatisticsRow]
}

enum GeographicLevel: String, Sendable, Equatable, CaseIterable {
    case national = "National"
    case regional = "Regional"
    case localAuthority = "Local authority"
}

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

/// An indicator's value: an exact decimal, or the EES symbol for why there is none.
enum StatisticsValue: Sendable, Equatable, CustomStringConvertible {
    case number(String)
    /// `c`: withheld under the small-number rule.
    case suppressed
    /// `z`: nothing to measure (a median of no values, a share of nothing).
    case notApplicable

    var description: String {
        switch self {
        case .number(let text): text
        case .suppressed: "c"
        case .notApplicable: "z"
        }
    }

    /// The number, for ordering siblings; symbols count as nothing.
    var magnitude: Double { if case .number(let text) = self { Double(text) ?? 0 } else { 0 } }
}

/// Where the EES columns for a row's place come from: names and DfE codes by GSS code.
struct Geography: Sendable {
    struct Place: Sendable { var name: String; var dfeCode: String? }
    var countries: [String: Place]
    var regions: [String: Place]
    var authorities: [String: Place]
}
