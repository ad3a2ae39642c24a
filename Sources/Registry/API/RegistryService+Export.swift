import Foundation
import OpenAPIRuntime
import RegistryAPI

// Bulk exports of everything the caller may read.
extension RegistryService {
    func exportDocument(_ input: Operations.ExportDocument.Input) async throws -> Operations.ExportDocument.Output {
        let viewer = Caller.ofThisRequest
        var tables: [(ExportStore.Table, ExportStore.Rows)] = []
        for table in ExportStore.Table.allCases {
            tables.append((table, try await store.exports.rows(table, viewer: viewer)))
        }
        let document = BulkExport.json(tables, generatedAt: Date(), viewerRole: viewer.role.rawValue)
        return .ok(.init(
            headers: .init(contentDisposition: "attachment; filename=\"registry-export.json\""),
            body: .json(try JSONDecoder().decode(OpenAPIObjectContainer.self, from: Data(document.utf8)))))
    }

    func exportTable(_ input: Operations.ExportTable.Input) async throws -> Operations.ExportTable.Output {
        let table = ExportStore.Table(rawValue: input.path.table.rawValue)!
        let rows = try await store.exports.rows(table, viewer: Caller.ofThisRequest)
        return .ok(.init(
            headers: .init(contentDisposition: "attachment; filename=\"\(table.rawValue).csv\""),
            body: .csv(HTTPBody(BulkExport.csv(rows)))))
    }
}

// An audience's export and dashboards as zip archives, for the audience's own members.
extension RegistryService {
    func downloadAudienceExport(
        _ input: Operations.DownloadAudienceExport.Input
    ) async throws -> Operations.DownloadAudienceExport.Output {
        let (audience, reader) = try await audienceReader(input.path.audience)
        let files = try await AudienceExport(store: store).files(for: reader)
        let name = Self.folderName(audience, "export")
        let archive = ZipArchive.of(files.mapValues { Data($0.utf8) }, folderName: name, modified: Date())
        return .ok(.init(
            headers: .init(contentDisposition: "attachment; filename=\"\(name).zip\""), body: .applicationZip(HTTPBody(archive))))
    }

    func downloadAudienceDashboards(
        _ input: Operations.DownloadAudienceDashboards.Input
    ) async throws -> Operations.DownloadAudienceDashboards.Output {
        let (audience, _) = try await audienceReader(input.path.audience)
        // The same site the audience's members read signed in, built once for both.
        let site = try await liveDashboards.site(for: audience)
        let name = Self.folderName(audience, "dashboards")
        let archive = try FileChunks(try site.archive(folderName: name))
        return .ok(.init(
            headers: .init(contentDisposition: "attachment; filename=\"\(name).zip\""),
            body: .applicationZip(HTTPBody(archive, length: .known(archive.size), iterationBehavior: .single))))
    }

    /// The audience named in a path and the reader standing for it, if the caller is a member.
    private func audienceReader(_ name: String) async throws -> (Audience, Caller) {
        guard let audience = Audience(name) else { throw RegistryError.notFound(resource: "audience", id: name) }
        let reader: Caller
        do {
            reader = try await store.viewer(for: audience)
        } catch is ConfigurationError {
            throw RegistryError.notFound(resource: "audience", id: name)
        } catch RegistryError.notFound {
            throw RegistryError.notFound(resource: "audience", id: name)
        }
        try Permissions.requireMember(of: audience, standingFor: reader, Caller.ofThisRequest)
        return (audience, reader)
    }

    /// `network-northern-ai-demonstrator-export`: a file name from the audience.
    private static func folderName(_ audience: Audience, _ what: String) -> String {
        "\(audience.description.replacingOccurrences(of: ":", with: "-"))-\(what)"
    }
}
