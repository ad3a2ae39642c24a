import PostgresNIO

/// Tables read from the counts PostgreSQL keeps as pilots change (migration 0019), instead of
/// counted from the records on each request: the adoption tables, unfiltered and as they stand
/// today, for the three audiences whose view does not depend on who they are.
///
/// Before reading, `fold_statistics()` counts again the pilots changed since the last reader,
/// so an answer still includes every change committed before it was asked.
enum KeptStatistics {
    static let datasets: Set<StatisticsDataset> = [.adoption, .adoptionByProvider, .adoptionTimeSeries]

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
        """
        SELECT NULLIF(period, '') AS period, geo::int AS geo, country_code, NULLIF(region_code, '') AS region_code,
               NULLIF(authority_code, '') AS authority_code, array_to_string(filters, E'\\x1f', '') AS filters,
               pilots || E'\\x1f' || CASE WHEN geo = 0 THEN 1 ELSE authorities END AS indicators,
               CASE WHEN geo = 0 THEN 1 ELSE authorities END AS contributors, not_public = 0 AS all_public
        FROM statistics_counts
        WHERE dataset = \(dataset.rawValue) AND audience = \(audience) AND pilots > 0
        """
    }
}
