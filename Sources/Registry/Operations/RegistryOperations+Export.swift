import Foundation
import Logging
import PostgresNIO
import RegistryAPI

extension RegistryOperations {
    /// Writes everything `audience` may see into `directory`: `tables/*.csv` and `registry.json`
    /// (the bulk export), `statistics/*.csv` with their `.meta.csv` (EES files), and
    /// `call-for-evidence-responses.csv`. Returns the files written, relative to `directory`.
    public static func export(
        database: DatabaseURL, audience text: String, to directory: URL, logger: Logger
    ) async throws -> [String] {
        let audience = try Self.audience(named: text)
        return try await DatabaseSession.run(database, logger: logger) { client in
            let store = RegistryStore(client: client, logger: logger)
            let viewer = try await store.viewer(for: audience)
            let progress = ProgressBar("Exporting for \(audience)", total: AudienceExport.fileSteps)
            let written = try await AudienceExport(store: store).files(for: viewer) { progress.advance($0) }
            try OutputFolder.write(written.mapValues { Data($0.utf8) }, into: directory)
            return written.keys.sorted()
        }
    }

    /// Imports a CSV of call-for-evidence responses as an administrator; all rows or none.
    public static func importCallForEvidence(
        database: DatabaseURL, file: URL, sharingLevel: String, logger: Logger
    ) async throws -> String {
        guard let level = Components.Schemas.SharingLevel(rawValue: sharingLevel) else {
            throw ConfigurationError("Unknown sharing level '\(sharingLevel)': use private, network, sector or public.")
        }
        let text = try String(contentsOf: file, encoding: .utf8)
        return try await DatabaseSession.run(database, logger: logger) { client in
            let importer = CallForEvidenceImport(
                store: RegistryStore(client: client, logger: logger),
                context: WriteContext(caller: Caller(userID: nil, name: "csc-registry import", role: .admin), isDemo: false),
                sharingLevel: level, today: .today())
            do {
                let read = try CallForEvidenceImport.read(text)
                let progress = ProgressBar("Importing \(file.lastPathComponent)", total: read.responses.count)
                let report = try await importer.run(read) { line in progress.advance("line \(line)") }
                var summary = "Imported \(report.rows) row(s) for \(report.authorities.count) authorit\(report.authorities.count == 1 ? "y" : "ies"): "
                summary += report.created.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                if !report.unknownColumns.isEmpty { summary += "\nColumns left alone: " + report.unknownColumns.joined(separator: ", ") }
                return summary
            } catch let error as RegistryError {
                throw ConfigurationError("Nothing was imported.\n" + error.explanation)
            }
        }
    }

    /// An audience as the command line names it.
    static func audience(named text: String) throws -> Audience {
        guard let audience = Audience(text) else {
            throw ConfigurationError(
                "Unknown audience '\(text)': use public, sector, network:<slug>, region:<code>, authority:<code> or everything.")
        }
        return audience
    }
}

extension RegistryOperations {
    /// Builds the dashboards for an audience into a folder, or a zip when `out` ends in `.zip`.
    public static func buildDashboards(
        database: DatabaseURL, resources: ResourceFiles, audience text: String, out: URL, showProgress: Bool = true,
        logger: Logger
    ) async throws -> String {
        let audience = try Self.audience(named: text)
        let site = try await DashboardSite.load(from: resources.dashboards)
        return try await DatabaseSession.run(database, logger: logger) { client in
            let started = ContinuousClock.now
            let builder = DashboardBuilder(store: RegistryStore(client: client, logger: logger), site: site)
            let progress = showProgress ? ProgressBar("Building dashboards for \(audience)", total: 3) : nil
            let now = Date()
            let files = try await builder.build(audience, now: now) { progress?.advance($0) }
            if out.pathExtension == "zip" {
                try ZipArchive.of(files, folderName: out.deletingPathExtension().lastPathComponent, modified: now).write(to: out)
            } else {
                try DashboardBuilder.write(files, to: out)
            }
            progress?.advance("written")
            let result = DashboardBuilder.summary(files, builtAt: now)
            let elapsed = started.duration(to: .now)
            return "Built \(result.pages) pages (\(result.files) files, \(result.bytes / 1024) KiB) for \(audience) in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds]))) at \(out.path)."
        }
    }
}
