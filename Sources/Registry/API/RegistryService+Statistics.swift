import Foundation
import OpenAPIRuntime
import RegistryAPI

// Sector statistics: JSON by topic, and each table as an EES CSV file with its metadata.
extension RegistryService {
    func getStatistics(_ input: Operations.GetStatistics.Input) async throws -> Operations.GetStatistics.Output {
        let query = input.query
        var filter = try await statisticsFilter(
            region: query.region, network: query.network, kind: query.kind?.rawValue,
            technology: query.technology?.rawValue, origin: query.origin?.rawValue, asOf: query.asOf)
        filter.levels = Self.levels(asked: query.geographicLevel?.rawValue, otherwise: [.national, .regional])
        let suppression = try Self.suppression(query.suppression?.rawValue)
        let geography = try await store.statistics.geography()
        var tables: [Components.Schemas.StatisticsTable] = []
        for dataset in StatisticsDataset.tables(ofTopic: input.path.topic.rawValue) {
            tables.append(Self.contract(try await statisticsTable(dataset, filter: filter, suppression: suppression), geography))
        }
        try await auditUnsuppressed(suppression, "topic", input.path.topic.rawValue, filter)
        let asOf = (filter.asOf ?? .today()).description
        return .ok(.init(body: .json(.init(
            asOf: asOf, suppression: .init(rawValue: suppression.rawValue)!,
            notice: suppression == .none ? Suppression.notForPublication : nil, tables: tables))))
    }

    func getStatisticsCSV(_ input: Operations.GetStatisticsCSV.Input) async throws -> Operations.GetStatisticsCSV.Output {
        let query = input.query
        var filter = try await statisticsFilter(
            region: query.region, network: query.network, kind: query.kind?.rawValue,
            technology: query.technology?.rawValue, origin: query.origin?.rawValue, asOf: query.asOf)
        filter.levels = Self.levels(asked: query.geographicLevel?.rawValue, otherwise: Set(GeographicLevel.allCases))
        let dataset = StatisticsDataset(rawValue: input.path.dataset.rawValue)!
        let suppression = try Self.suppression(query.suppression?.rawValue)
        let table = try await statisticsTable(dataset, filter: filter, suppression: suppression)
        let file = EESFile(table: table, geography: try await store.statistics.geography())
        try await auditUnsuppressed(suppression, "dataset", dataset.rawValue, filter)
        return .ok(.init(
            headers: .init(contentDisposition: "attachment; filename=\"\(file.dataFileName)\""),
            body: .csv(HTTPBody(file.data))))
    }

    func getStatisticsMetaCSV(_ input: Operations.GetStatisticsMetaCSV.Input) async throws -> Operations.GetStatisticsMetaCSV.Output {
        let dataset = StatisticsDataset(rawValue: input.path.dataset.rawValue)!
        let suppression = try Self.suppression(input.query.suppression?.rawValue)
        return .ok(.init(
            headers: .init(contentDisposition: "attachment; filename=\"\(dataset.rawValue).meta.csv\""),
            body: .csv(HTTPBody(EESFile.meta(of: dataset, suppression: suppression)))))
    }

    /// A table for the current caller, with the small-number rule applied unless `suppression` says not.
    func statisticsTable(
        _ dataset: StatisticsDataset, filter: StatisticsStore.Filter, suppression: Suppression = .applied
    ) async throws -> StatisticsTable {
        try await store.statistics.table(dataset, filter: filter, viewer: Caller.ofThisRequest, suppression: suppression)
    }

    /// What the caller asked for, if the caller may have it.
    private static func suppression(_ asked: String?) throws -> Suppression {
        guard asked == Suppression.none.rawValue else { return .applied }
        try Permissions.requireUnsuppressedReader(Caller.ofThisRequest)
        return .none
    }

    /// Every unsuppressed read is kept in the audit trail, with what was read.
    private func auditUnsuppressed(_ suppression: Suppression, _ kind: String, _ name: String, _ filter: StatisticsStore.Filter) async throws {
        guard suppression == .none else { return }
        var detail = [kind: name]
        detail["as_of"] = filter.asOf?.description
        detail["region"] = filter.region
        detail["network_id"] = filter.networkID?.lowercased
        detail["kind"] = filter.kind
        detail["technology"] = filter.technology
        detail["origin"] = filter.origin
        detail["geographic_levels"] = filter.levels.map(\.rawValue).sorted().joined(separator: ",")
        try await store.audit.record(.readUnsuppressed, detail: detail, caller: Caller.ofThisRequest)
    }

    private func statisticsFilter(
        region: String?, network: String?, kind: String?, technology: String?, origin: String?, asOf: String?
    ) async throws -> StatisticsStore.Filter {
        var day: CalendarDate?
        if let asOf {
            guard let parsed = CalendarDate(asOf) else {
                // A date of the right shape that the registry cannot hold (before 1900) is
                // unanswerable rather than unreadable.
                if let shape = asOf.wholeMatch(of: /([0-9]{4})(-[0-9]{2}-[0-9]{2})/), let year = Int(shape.output.1), year < 1900,
                    CalendarDate("2000" + shape.output.2) != nil
                {
                    throw RegistryError.invalid([.init(field: "as_of", message: "must be a day from 1900 to today")])
                }
                throw RegistryError.malformed([.init(field: "as_of", message: "must be a date such as 2025-04-01")])
            }
            guard parsed <= .today() else {
                throw RegistryError.invalid([.init(field: "as_of", message: "must not be in the future")])
            }
            day = parsed
        }
        return StatisticsStore.Filter(
            asOf: day, region: try await regionFilter(region), networkID: try await networkFilter(network),
            kind: kind, technology: technology, origin: origin)
    }

    /// The geographic levels to show: the one asked for, else `fallback`. JSON leaves out
    /// local-authority rows unless asked, as a series of them runs to tens of megabytes; EES
    /// files carry every level, as EES expects.
    private static func levels(asked level: String?, otherwise fallback: Set<GeographicLevel>) -> Set<GeographicLevel> {
        switch level {
        case "national": [.national]
        case "regional": [.regional]
        case "local_authority": [.localAuthority]
        default: fallback
        }
    }

    private static func contract(_ table: StatisticsTable, _ geography: Geography) -> Components.Schemas.StatisticsTable {
        let dataset = table.dataset
        let filterNames = dataset.filters.map(\.name)
        let indicatorNames = dataset.indicators.map(\.name)
        return .init(
            dataset: .init(rawValue: dataset.rawValue)!,
            title: dataset.title,
            filters: dataset.filters.map { .init(name: $0.name, label: $0.label) },
            indicators: dataset.indicators.map { .init(name: $0.name, label: $0.label, unit: $0.unit) },
            rows: table.rows.map { row in
                let place = EESFile.Place(row, geography)
                return .init(
                    timePeriod: row.timePeriod, timeIdentifier: row.timeIdentifier,
                    geographicLevel: .init(rawValue: row.level.rawValue)!,
                    countryCode: row.countryCode, countryName: place.countryName,
                    regionCode: row.regionCode, regionName: place.regionName,
                    oldLaCode: place.oldLACode, newLaCode: row.authorityCode, laName: place.laName,
                    filters: .init(additionalProperties: Dictionary(uniqueKeysWithValues: zip(filterNames, row.filters))),
                    values: .init(additionalProperties: Dictionary(
                        uniqueKeysWithValues: zip(indicatorNames, row.values.map(\.description)))))
            })
    }
}
