/// A statistics row read by the filter and indicator names its dataset declares, so a
/// reordered declaration cannot silently show another column.
struct NamedStatisticsRow: Sendable {
    let dataset: StatisticsDataset
    let row: StatisticsRow

    /// The row's value of the filter `name`: a vocabulary term, or `Total` for the aggregate.
    func filter(_ name: String) -> String {
        row.filters[Self.position(of: name, in: dataset.filters, of: dataset)]
    }

    func value(_ name: String) -> StatisticsValue {
        row.values[Self.position(of: name, in: dataset.indicators, of: dataset)]
    }

    /// Every indicator, in the order the dataset declares them (and EES files show them).
    var values: [StatisticsValue] { row.values }

    var timePeriod: String { row.timePeriod }
    var timeIdentifier: String { row.timeIdentifier }

    private static func position(
        of name: String, in columns: [StatisticsDataset.Column], of dataset: StatisticsDataset
    ) -> Int {
        guard let index = columns.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("\(dataset.rawValue) declares no column \(name)")
        }
        return index
    }
}
