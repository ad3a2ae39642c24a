/// A statistics table in Explore Education Statistics (EES) tidy form: one row per time,
/// geography and combination of filter values, indicators in the row's values.
/// The JSON API and the EES CSV are two renderings of the same table.
struct StatisticsTable: Sendable, Equatable {
    var dataset: StatisticsDataset
    var rows: [StatisticsRow]
    var suppression: Suppression = .applied

    /// The rows at one geographic level, read by name.
    func named(at level: GeographicLevel) -> [NamedStatisticsRow] {
        rows.filter { $0.level == level }.map { NamedStatisticsRow(dataset: dataset, row: $0) }
    }
}
