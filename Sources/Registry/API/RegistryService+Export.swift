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
