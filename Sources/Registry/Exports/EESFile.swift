import Foundation

/// A statistics table as Explore Education Statistics open data: the tidy data CSV and the
/// `.meta.csv` that describes its columns (see ReferenceData/EES-CONVENTIONS.md).
struct EESFile: Sendable {
    let table: StatisticsTable
    let geography: Geography

    static let placeColumns = [
        "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
        "region_code", "region_name", "old_la_code", "new_la_code", "la_name",
    ]

    var dataFileName: String { table.dataset.rawValue + ".csv" }
    var metaFileName: String { table.dataset.rawValue + ".meta.csv" }

    /// The column an unsuppressed file carries in every row, so it says what it is wherever it goes.
    static let publicationColumn = "publication_status"

    var data: String {
        let dataset = table.dataset
        let marked = table.suppression == .none
        var csv = CSVWriter(header: Self.placeColumns + dataset.filters.map(\.name) + dataset.indicators.map(\.name)
            + (marked ? [Self.publicationColumn] : []))
        for row in table.rows {
            csv.append(Place(row, geography).columns + row.filters.map(Self.filterLabel) + row.values.map(\.description)
                + (marked ? [Suppression.notForPublication] : []))
        }
        return csv.text
    }

    static func meta(of dataset: StatisticsDataset, suppression: Suppression = .applied) -> String {
        var csv = CSVWriter(header: [
            "col_name", "col_type", "label", "indicator_unit", "filter_hint", "filter_grouping_column", "indicator_dp",
        ])
        for filter in dataset.filters {
            csv.append([filter.name, "Filter", filter.label, "", filter.hint ?? "", filter.groupedBy ?? "", ""])
        }
        for indicator in dataset.indicators {
            csv.append([indicator.name, "Indicator", indicator.label, indicator.unit ?? "", "", "", String(indicator.decimalPlaces)])
        }
        if suppression == .none {
            csv.append([publicationColumn, "Filter", Suppression.notForPublication,
                        "", "Unsuppressed figures for DfE's own analysis: not to be published or passed on", "", ""])
        }
        return csv.text
    }

    /// The names and codes of a row's place; blank where its level does not use them.
    struct Place {
        let row: StatisticsRow
        var countryName: String
        var regionName: String?
        var oldLACode: String?
        var laName: String?

        init(_ row: StatisticsRow, _ geography: Geography) {
            self.row = row
            countryName = geography.countries[row.countryCode]?.name ?? ""
            regionName = row.regionCode.flatMap { geography.regions[$0]?.name }
            let authority = row.authorityCode.flatMap { geography.authorities[$0] }
            oldLACode = authority?.dfeCode
            laName = authority?.name
        }

        /// The ten time and place columns, in EES order.
        var columns: [String] {
            [row.timePeriod, row.timeIdentifier, row.level.rawValue, row.countryCode, countryName,
             row.regionCode ?? "", regionName ?? "", oldLACode ?? "", row.authorityCode ?? "", laName ?? ""]
        }
    }

    /// Vocabulary terms as EES shows filter values: `case_summarisation` → `Case summarisation`.
    static func filterLabel(_ term: String) -> String {
        guard term.allSatisfy({ $0.isLowercase || $0 == "_" || $0.isNumber }) else { return term }
        return VocabularyLabel.label(term)
    }
}
