import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// Tools: what a provider supplies or an authority built, with its kind and technology.
struct ToolStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    struct Filter: Sendable {
        var kind: String?
        var technology: String?
        var providerID: UUID?
        var updatedSince: Date?
    }

    private static let select = """
        SELECT t.id, t.seq, t.version, t.name, t.provider_id, pr.name AS provider_name, t.kind, t.technology,
               t.description, t.website, t.is_demo, t.created_at, t.updated_at
        FROM tools t LEFT JOIN providers pr ON pr.id = t.provider_id
        """

    func list(_ filter: Filter, page: PageRequest) async throws -> Page<Tool> {
        let rows = try await client.queryJoiningAmbient(
            """
            \(unescaped: Self.select)
            WHERE t.deleted_at IS NULL AND t.seq > \(page.afterSeq)
              AND (\(filter.kind)::text IS NULL OR t.kind = \(filter.kind))
              AND (\(filter.technology)::text IS NULL OR t.technology = \(filter.technology))
              AND (\(filter.providerID)::uuid IS NULL OR t.provider_id = \(filter.providerID))
              AND (\(filter.updatedSince)::timestamptz IS NULL OR t.updated_at >= \(filter.updatedSince))
            ORDER BY t.seq LIMIT \(page.limit + 1)
            """, logger: logger
        ).all { (seq: try $0.get("seq", as: Int64.self), item: try Self.tool($0)) }
        return Page(rows: rows, limit: page.limit)
    }

    /// Live tools named like `query` that pass the filter, closest first.
    func search(_ query: String, _ filter: Filter, limit: Int) async throws -> [Tool] {
        try await client.queryJoiningAmbient(
            """
            \(unescaped: Self.select)
            WHERE t.deleted_at IS NULL AND catalogue_fold(\(query)) <> ''
              AND (catalogue_fold(\(query)) <% catalogue_fold(t.name) OR catalogue_fold(t.name) LIKE '%' || catalogue_fold(\(query)) || '%')
              AND (\(filter.kind)::text IS NULL OR t.kind = \(filter.kind))
              AND (\(filter.technology)::text IS NULL OR t.technology = \(filter.technology))
              AND (\(filter.providerID)::uuid IS NULL OR t.provider_id = \(filter.providerID))
              AND (\(filter.updatedSince)::timestamptz IS NULL OR t.updated_at >= \(filter.updatedSince))
            ORDER BY word_similarity(catalogue_fold(\(query)), catalogue_fold(t.name)) DESC, t.seq LIMIT \(limit)
            """, logger: logger
        ).all(Self.tool)
    }

    func get(_ id: UUID) async throws -> Tool {
        guard
            let tool = try await client.queryJoiningAmbient(
                "\(unescaped: Self.select) WHERE t.id = \(id) AND t.deleted_at IS NULL", logger: logger
            ).first(Self.tool)
        else { throw RegistryError.notFound(resource: "tool", id: id.lowercased) }
        return tool
    }

    /// The oldest live tool with this name (ignoring case, accents and punctuation) from this provider, or with no provider.
    func find(named name: String, providerID: UUID?) async throws -> UUID? {
        try await client.queryJoiningAmbient(
            """
            SELECT id FROM tools
            WHERE catalogue_fold(name) = catalogue_fold(\(name)) AND provider_id IS NOT DISTINCT FROM \(providerID) AND deleted_at IS NULL
            ORDER BY seq LIMIT 1
            """, logger: logger
        ).first { try $0.get("id", as: UUID.self) }
    }

    func create(_ input: ToolInput, providerID: UUID?, context: WriteContext) async throws -> Tool {
        try Permissions.requireCatalogueEditor(context.caller)
        let id = try await client.transactionJoiningAmbient(logger: logger) { connection in
            try await Self.requireProvider(providerID, on: connection, logger: logger)
            let id = try await connection.query(
                """
                INSERT INTO tools (name, provider_id, kind, technology, description, website, is_demo, created_by)
                VALUES (\(input.name), \(providerID), \(input.kind.rawValue), \(input.technology.rawValue),
                        \(input.description), \(input.website), \(context.isDemo), \(context.caller.userID))
                RETURNING id
                """, logger: logger
            ).first { try $0.get("id", as: UUID.self) }!
            try await AuditLog.record(.create, .tool, id: id, before: nil, context: context, on: connection, logger: logger)
            return id
        }
        return try await get(id)
    }

    func update(_ id: UUID, _ input: ToolInput, providerID: UUID?, context: WriteContext) async throws -> Tool {
        try Permissions.requireCatalogueOwner(createdBy: try await creator(of: id), context.caller)
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            try await Self.requireProvider(providerID, on: connection, logger: logger)
            try await RecordOwnership.requireVersion(
                context.expectedVersion, of: id, in: "tools", resource: "tool", on: connection, logger: logger)
            let before = try await AuditLog.document(.tool, id, on: connection, logger: logger)
            let updated = try await connection.query(
                """
                UPDATE tools SET name = \(input.name), provider_id = \(providerID), kind = \(input.kind.rawValue),
                    technology = \(input.technology.rawValue), description = \(input.description),
                    website = \(input.website), version = version + 1, updated_at = now()
                WHERE id = \(id) AND deleted_at IS NULL RETURNING id
                """, logger: logger
            ).first { _ in true }
            if updated == nil { throw RegistryError.notFound(resource: "tool", id: id.lowercased) }
            try await AuditLog.record(.update, .tool, id: id, before: before, context: context, on: connection, logger: logger)
        }
        return try await get(id)
    }

    /// Soft delete; refused while a live pilot uses the tool.
    func delete(_ id: UUID, context: WriteContext) async throws {
        try Permissions.requireCatalogueOwner(createdBy: try await creator(of: id), context.caller)
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let inUse = try await connection.query(
                "SELECT count(*) FROM pilots WHERE tool_id = \(id) AND deleted_at IS NULL", logger: logger
            ).first { try $0.get("count", as: Int.self) } ?? 0
            if inUse > 0 { throw RegistryError.conflict("The tool is used by \(inUse) pilot(s); delete them first.") }
            try await RecordOwnership.requireVersion(
                context.expectedVersion, of: id, in: "tools", resource: "tool", on: connection, logger: logger)
            let before = try await AuditLog.document(.tool, id, on: connection, logger: logger)
            let deleted = try await connection.query(
                "UPDATE tools SET deleted_at = now(), version = version + 1 WHERE id = \(id) AND deleted_at IS NULL RETURNING id",
                logger: logger
            ).first { _ in true }
            if deleted == nil { throw RegistryError.notFound(resource: "tool", id: id.lowercased) }
            try await AuditLog.record(.delete, .tool, id: id, before: before, context: context, on: connection, logger: logger)
        }
    }

    private func creator(of id: UUID) async throws -> UUID? {
        try await RecordOwnership.creator(of: id, in: "tools", resource: "tool", client: client, logger: logger)
    }

    private static func requireProvider(_ id: UUID?, on connection: DatabaseConnection, logger: Logger) async throws {
        guard let id else { return }
        let exists = try await connection.query(
            "SELECT 1 FROM providers WHERE id = \(id) AND deleted_at IS NULL", logger: logger
        ).first { _ in true }
        if exists == nil { throw RegistryError.invalid([.init(field: "provider_id", message: "is not a known provider")]) }
    }

    private static func tool(_ row: PostgresRandomAccessRow) throws -> Tool {
        Tool(
            id: try row.get("id", as: UUID.self).lowercased,
            version: try row.get("version"),
            name: try row.get("name"),
            providerId: try row.get("provider_id", as: UUID?.self)?.lowercased,
            providerName: try row.get("provider_name"),
            kind: try row.term("kind"),
            technology: try row.term("technology"),
            description: try row.get("description"),
            website: try row.get("website"),
            isDemo: try row.get("is_demo"),
            createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }
}
