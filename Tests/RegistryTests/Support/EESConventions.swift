import Foundation
import PostgresNIO

@testable import Registry

/// An independent check of an EES data file and its metadata against
/// ReferenceData/EES-CONVENTIONS.md, the way DfE's screener reads them.
enum EESConventions {
    struct Authority: Sendable { var dfeCode: String; var name: String; var region: String }
    struct Result { var problems: [String]; var rows: Int }

    static let placeColumns = [
        "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
        "region_code", "region_name", "old_la_code", "new_la_code", "la_name",
    ]
    static let symbols: Set = ["c", "x", "z", "low", "u"]
    static let timeIdentifiers: Set = ["Calendar year", "Calendar year Q1", "Calendar year Q2", "Calendar year Q3", "Calendar year Q4"]

    static func check(data: String, meta: String, authorities: [String: Authority]) throws -> Result {
        var problems: [String] = []
        let table = parse(data), metaTable = parse(meta)
        guard let header = table.first, let metaHeader = metaTable.first else { return Result(problems: ["empty file"], rows: 0) }
        if Array(header.prefix(placeColumns.count)) != placeColumns { problems.append("place columns: \(header)") }
        for name in header where name.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) == nil {
            problems.append("column \(name) is not snake_case")
        }
        if metaHeader != ["col_name", "col_type", "label", "indicator_unit", "filter_hint", "filter_grouping_column", "indicator_dp"] {
            problems.append("meta header \(metaHeader)")
        }
        let described = Dictionary(metaTable.dropFirst().map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        let own = header.dropFirst(placeColumns.count)
        for name in own where described[name] == nil { problems.append("\(name) missing from meta") }
        if Set(described.keys) != Set(own) { problems.append("meta describes \(described.keys.sorted()), file has \(own)") }
        let filters = own.filter { described[$0] == "Filter" }, indicators = own.filter { described[$0] == "Indicator" }
        if filters.count + indicators.count != own.count { problems.append("col_type must be Filter or Indicator") }

        var totals = Set<String>()
        for (number, row) in table.dropFirst().enumerated() {
            let line = number + 2
            guard row.count == header.count else { problems.append("line \(line): \(row.count) fields"); continue }
            let field = Dictionary(uniqueKeysWithValues: zip(header, row))
            if field["time_period"]!.range(of: "^[0-9]{4}$", options: .regularExpression) == nil { problems.append("line \(line): time_period") }
            if !timeIdentifiers.contains(field["time_identifier"]!) { problems.append("line \(line): time_identifier") }
            if field["country_code"] != "E92000001" || field["country_name"] != "England" { problems.append("line \(line): country") }
            let regional = [field["region_code"]!, field["region_name"]!]
            let local = [field["old_la_code"]!, field["new_la_code"]!, field["la_name"]!]
            switch field["geographic_level"]! {
            case "National":
                if (regional + local).contains(where: { !$0.isEmpty }) { problems.append("line \(line): national row names a place") }
            case "Regional":
                if regional.contains(where: \.isEmpty) || local.contains(where: { !$0.isEmpty }) { problems.append("line \(line): regional columns") }
            case "Local authority":
                if let authority = authorities[local[1]] {
                    if authority.dfeCode != local[0] || authority.name != local[2] || authority.region != regional[0] {
                        problems.append("line \(line): \(local) does not match the reference list")
                    }
                } else {
                    problems.append("line \(line): unknown authority \(local[1])")
                }
            default:
                problems.append("line \(line): geographic_level \(field["geographic_level"]!)")
            }
            for name in filters {
                if field[name]!.isEmpty { problems.append("line \(line): empty filter \(name)") }
                if field[name] == "Total" { totals.insert(name) }
            }
            for name in indicators {
                let value = field[name]!
                if Double(value) == nil && !symbols.contains(value) { problems.append("line \(line): \(name) = '\(value)'") }
            }
        }
        // A `version` filter says whether a row is provisional; its values do not add up.
        for name in filters where !totals.contains(name) && name != "version" { problems.append("filter \(name) has no Total") }
        return Result(problems: problems, rows: table.count - 1)
    }

    static func parse(_ text: String) -> [[String]] { CSVReader.parse(text) }
}

extension TestRegistry {
    /// The authorities as the reference list gives them, by GSS code.
    func referenceAuthorities() async throws -> [String: EESConventions.Authority] {
        var result: [String: EESConventions.Authority] = [:]
        let rows = try await database.query("SELECT code, dfe_code, name, region_code FROM authorities")
        for try await (code, dfe, name, region) in rows.decode((String, String, String, String).self) {
            result[code] = .init(dfeCode: dfe, name: name, region: region)
        }
        return result
    }
}
