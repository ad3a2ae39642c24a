import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// Children's single-view systems: status, which data they bring together, where the model is.
struct SingleViewStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    private static let columns = """
        s.id, s.seq, s.version, s.authority_code, s.name, s.status, s.data_sources, s.data_model_url, s.description,
        s.sharing_level, s.is_demo, s.created_at, s.updated_at
        """

    func list(authority: String?, region: String?, updatedSince: Date?, page: PageRequest, viewer: Caller) async throws
        -> Page<SingleView>
    {
        let rows = try await client.queryJoiningAmbient(
            """
            SELECT \(unescaped: Self.columns) FROM single_views s JOIN authorities a ON a.code = s.authority_code
            WHERE s.deleted_at IS NULL AND s.seq > \(page.afterSeq)
              AND may_read(s.sharing_level, ARRAY[s.authority_code], \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks))
              AND (\(authority)::text IS NULL OR s.authority_code = \(authority))
              AND (\(region)::text IS NULL OR a.region_code = \(region))
              AND (\(updatedSince)::timestamptz IS NULL OR s.updated_at >= \(updatedSince))
            ORDER BY s.seq LIMIT \(page.limit + 1)
            """, logger: logger
        ).all { (seq: try $0.get("seq", as: Int64.self), item: try Self.singleView($0)) }
        return Page(rows: rows, limit: page.limit)
    }

    func get(_ id: UUID, viewer: Caller) async throws -> SingleView {
        guard
            let view = try await client.queryJoiningAmbient(
                """
                SELECT \(unescaped: Self.columns) FROM single_views s
                WHERE s.id = \(id) AND s.deleted_at IS NULL AND may_read(s.sharing_level, ARRAY[s.authority_code], \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks))
                """, logger: logger
            ).first(Self.singleView)
        else { throw RegistryError.notFound(resource: "single view", id: id.lowercased) }
        return view
    }

    func create(_ input: SingleViewInput, context: WriteContext) async throws -> SingleView {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let authority = try await ReferenceStore.require(
                [input.authority], field: { _ in "authority" }, on: connection, logger: logger)[0]
            try Permissions.requireEditor(of: authority, context.caller)
            let record = try await connection.query(
                """
                INSERT INTO single_views AS s (authority_code, name, status, data_sources, data_model_url, description,
                    sharing_level, is_demo)
                VALUES (\(authority), \(input.name), \(input.status.rawValue), \((input.dataSources ?? []).map(\.rawValue)),
                    \(input.dataModelUrl), \(input.description), \(input.sharingLevel.rawValue), \(context.isDemo))
                RETURNING \(unescaped: Self.columns)
                """, logger: logger
            ).first(Self.singleView)!
            try await AuditLog.record(
                .create, .singleView, id: UUID(uuidString: record.id)!, before: nil, context: context, on: connection, logger: logger)
            return record
        }
    }

    func update(_ id: UUID, _ input: SingleViewInput, context: WriteContext) async throws -> SingleView {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            try Permissions.requireEditor(of: try await owner(of: id, viewer: context.caller, on: connection), context.caller)
            try await RecordOwnership.requireVersion(
                context.expectedVersion, of: id, in: "single_views", resource: "single view", on: connection, logger: logger)
            let before = try await AuditLog.document(.singleView, id, on: connection, logger: logger)
            let authority = try await ReferenceStore.require(
                [input.authority], field: { _ in "authority" }, on: connection, logger: logger)[0]
            try Permissions.requireEditor(of: authority, context.caller)
            guard
                let view = try await connection.query(
                    """
                    UPDATE single_views AS s SET authority_code = \(authority), name = \(input.name),
                        status = \(input.status.rawValue), data_sources = \((input.dataSources ?? []).map(\.rawValue)),
                        data_model_url = \(input.dataModelUrl), description = \(input.description),
                        sharing_level = \(input.sharingLevel.rawValue), version = version + 1, updated_at = now()
                    WHERE s.id = \(id) AND s.deleted_at IS NULL
                    RETURNING \(unescaped: Self.columns)
                    """, logger: logger
                ).first(Self.singleView)
            else { throw RegistryError.notFound(resource: "single view", id: id.lowercased) }
            try await AuditLog.record(.update, .singleView, id: id, before: before, context: context, on: connection, logger: logger)
            return view
        }
    }

    func delete(_ id: UUID, context: WriteContext) async throws {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            try Permissions.requireEditor(of: try await owner(of: id, viewer: context.caller, on: connection), context.caller)
            try await RecordOwnership.requireVersion(
                context.expectedVersion, of: id, in: "single_views", resource: "single view", on: connection, logger: logger)
            let before = try await AuditLog.document(.singleView, id, on: connection, logger: logger)
            try await RecordOwnership.softDelete(id, in: "single_views", on: connection, logger: logger)
            try await AuditLog.record(.delete, .singleView, id: id, before: before, context: context, on: connection, logger: logger)
        }
    }

    private func owner(of id: UUID, viewer: Caller, on connection: DatabaseConnection) async throws -> String {
        try await RecordOwnership.authority(
            of: id, in: "single_views", level: "sharing_level", resource: "single view", viewer: viewer, on: connection, logger: logger)
    }

    private static func singleView(_ row: PostgresRandomAccessRow) throws -> SingleView {
        SingleView(
            id: try row.get("id", as: UUID.self).lowercased,
            version: try row.get("version"),
            authority: try row.get("authority_code"),
            name: try row.get("name"),
            status: try row.term("status"),
            dataSources: try row.terms("data_sources"),
            dataModelUrl: try row.get("data_model_url"),
            description: try row.get("description"),
            sharingLevel: try row.term("sharing_level"),
            isDemo: try row.get("is_demo"),
            createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }
}
