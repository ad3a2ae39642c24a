import Foundation

/// Everything one audience may see, as the files `csc-registry export` writes and
/// `GET /audiences/{audience}/export.zip` serves: `tables/*.csv` and `registry.json` (the bulk
/// export), `statistics/*.csv` with their `.meta.csv` (EES files, small numbers withheld), and
/// `call-for-evidence-responses.csv`.
struct AudienceExport: Sendable {
    let store: RegistryStore

    /// Path → contents; `progress` hears each file's name as it is made.
    func files(for viewer: Caller, progress: @Sendable (String) -> Void = { _ in }) async throws -> [String: String] {
        var written: [String: String] = [:]
        var everything: [(ExportStore.Table, ExportStore.Rows)] = []
        for table in ExportStore.Table.allCases {
            let rows = try await store.exports.rows(table, viewer: viewer)
            everything.append((table, rows))
            written["tables/\(table.rawValue).csv"] = BulkExport.csv(rows)
            progress(table.rawValue)
        }
        written["registry.json"] = BulkExport.json(everything, generatedAt: Date(), viewerRole: viewer.role.rawValue)
        progress("registry.json")
        let geography = try await store.statistics.geography()
        for dataset in StatisticsDataset.allCases {
            let file = EESFile(table: try await store.statistics.table(dataset, filter: .init(), viewer: viewer), geography: geography)
            written["statistics/\(file.dataFileName)"] = file.data
            written["statistics/\(file.metaFileName)"] = EESFile.meta(of: dataset)
            progress(dataset.rawValue)
        }
        written["call-for-evidence-responses.csv"] = try await CallForEvidence.sectorCSV(viewer: viewer, store: store)
        progress("call-for-evidence-responses.csv")
        return written
    }

    /// How many files `files` makes, for a progress bar.
    static var fileSteps: Int { ExportStore.Table.allCases.count + StatisticsDataset.allCases.count + 2 }
}
