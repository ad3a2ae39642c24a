import PostgresNIO

/// Tables read from the counts PostgreSQL keeps as pilots change (migration 0019), instead of
/// counted from the records on each request: the adoption and governance tables, unfiltered and
/// as they stand today, for the three audiences whose view does not depend on who they are.
///
/// Before reading, `fold_statistics()` counts again the pilots changed since the last reader,
/// so an answer still includes every change committed before it was asked.
enum KeptStatistics {
    static let datasets: Set<StatisticsDataset> = [
        .adoption, .adoptionByProvider, .adoptionTimeSeries, .governance, .unevaluatedRollouts,
    ]

    /// The kept audience whose counts are what `viewer` may see: 0 the public, 1 a signed-in
    /// reader of the sector's records who owns none, 2 administrators. Nil when the table must
    /// be counted afresh: a filter, a past date, or a reader who also sees an authority's or a
    /// network's own records.
    static func audience(_ dataset: StatisticsDataset, _ filter: StatisticsStore.Filter, viewer: Caller) -> Int? {
        guard datasets.contains(dataset), filter.asOf == nil, filter.region == nil, filter.networkID == nil,
              filter.kind == nil, filter.technology == nil, filter.origin == nil else { return nil }
        switch viewer.role {
        case .anonymous: return 0
        case .admin: return 2
        default: return viewer.authority == nil && viewer.networks.isEmpty ? 1 : nil
        }
    }

    static let fold: PostgresQuery = "SELECT fold_statistics()"

    /// Rows of the same shape as the counted tables' (filter values and indicators joined by
    /// U+001F): a local-authority row rests on its one authority, a region's or the country's on
    /// those of its authorities that count anything.
    static func rows(_ dataset: StatisticsDataset, audience: Int) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(dataset.rawValue)
        binds.append(audience)
        return PostgresQuery(unsafeSQL: """
            SELECT NULLIF(period, '') AS period, geo::int AS geo, country_code, NULLIF(region_code, '') AS region_code,
                   NULLIF(authority_code, '') AS authority_code, array_to_string(filters, E'\\x1f', '') AS filters,
                   concat_ws(E'\\x1f', \(indicators(dataset))) AS indicators,
                   \(contributors) AS contributors, not_public = 0 AS all_public
            FROM statistics_counts
            WHERE dataset = $1 AND audience = $2 AND pilots > 0
            """, binds: binds)
    }

    /// The dataset's indicators, in `StatisticsDataset.indicators` order, as the counted SQL writes them.
    private static func indicators(_ dataset: StatisticsDataset) -> String {
        func percent(_ part: String) -> String { StatisticsStore.percent(part, of: "pilots") }
        return switch dataset {
        case .governance: "pilots, count_a, \(percent("count_a"))"
        case .unevaluatedRollouts: "pilots, count_a, \(percent("count_a")), count_b, \(percent("count_b"))"
        default: "pilots, \(contributors)"
        }
    }

    /// A local-authority row rests on its one authority; above, on those counting anything.
    private static let contributors = "CASE WHEN geo = 0 THEN 1 ELSE authorities END"
}
