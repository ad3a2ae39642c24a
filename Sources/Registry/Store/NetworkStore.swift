import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// Networks: named groups of authorities (regions, improvement alliances, care cooperatives).
struct NetworkStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    private static let select = """
        SELECT n.id, n.seq, n.version, n.slug, n.name, n.kind, n.description, n.region_code, n.is_demo,
               n.created_at, n.updated_at,
               ARRAY(SELECT m.authority_code FROM network_members m WHERE m.network_id = n.id
                     ORDER BY m.authority_code) AS members
        FROM networks n
        """

    func list(authority: String?, updatedSince: Date?, page: PageRequest) async throws -> Page<Network> {
        let rows = try await client.queryJoiningAmbient(
            """
            \(unescaped: Self.select)
            WHERE n.deleted_at IS NULL AND n.seq > \(page.afterSeq)
              AND (\(authority)::text IS NULL OR EXISTS (
                    SELECT 1 FROM network_members m WHERE m.network_id = n.id AND m.authority_code = \(authority)))
              AND (\(updatedSince)::timestamptz IS NULL OR n.updated_at >= \(updatedSince))
            ORDER BY n.seq LIMIT \(page.limit + 1)
            """, logger: logger
        ).all { (seq: try $0.get("seq", as: Int64.self), item: try Self.network($0)) }
        return Page(rows: rows, limit: page.limit)
    }

    /// By id or slug, as people bookmark slugs.
    func get(_ key: String) async throws -> Network {
        guard let id = try await resolve(key) else { throw RegistryError.notFound(resource: "network", id: key) }
        return try await get(id: id)
    }

    func resolve(_ key: String) async throws -> UUID? {
        try await client.queryJoiningAmbient(
            """
            SELECT id FROM networks
            WHERE deleted_at IS NULL AND (slug = \(key) OR id::text = lower(\(key)))
            """, logger: logger
        ).first { try $0.get("id", as: UUID.self) }
    }

    /// The network of a region's authorities, by the region's GSS code.
    func regionNetwork(_ regionCode: String) async throws -> UUID? {
        try await client.queryJoiningAmbient(
            """
            SELECT id FROM networks
            WHERE deleted_at IS NULL AND kind = 'region' AND region_code = \(regionCode) ORDER BY seq LIMIT 1
            """, logger: logger
        ).first { try $0.get("id", as: UUID.self) }
    }

    func create(_ input: NetworkInput, context: WriteContext) async throws -> Network {
        try Permissions.requireAdmin(context.caller, to: "manage networks")
        let id = try await client.transactionJoiningAmbient(logger: logger) { connection in
            try await Self.requireFreeSlug(input.slug, except: nil, on: connection, logger: logger)
            let id = try await connection.query(
                """
                INSERT INTO networks (slug, name, kind, description, is_demo)
                VALUES (\(input.slug), \(input.name), \(input.kind.rawValue), \(input.description), \(context.isDemo))
                RETURNING id
                """, logger: logger
            ).first { try $0.get("id", as: UUID.self) }!
            try await Self.replaceMembers(of: id, with: input.members, on: connection, logger: logger)
            try await AuditLog.record(.create, .network, id: id, before: nil, context: context, on: connection, logger: logger)
            return id
        }
        return try await get(id: id)
    }

    func update(_ key: String, _ input: NetworkInput, context: WriteContext) async throws -> Network {
        try Permissions.requireAdmin(context.caller, to: "manage networks")
        guard let id = try await resolve(key) else { throw RegistryError.notFound(resource: "network", id: key) }
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            try await Self.requireFreeSlug(input.slug, except: id, on: connection, logger: logger)
            try await RecordOwnership.requireVersion(
                context.expectedVersion, of: id, in: "networks", resource: "network", on: connection, logger: logger)
            let before = try await AuditLog.document(.network, id, on: connection, logger: logger)
            let updated = try await connection.query(
                """
                UPDATE networks SET slug = \(input.slug), name = \(input.name), kind = \(input.kind.rawValue),
                    description = \(input.description), version = version + 1, updated_at = now()
                WHERE id = \(id) AND deleted_at IS NULL RETURNING id
                """, logger: logger
            ).first { _ in true }
            if updated == nil { throw RegistryError.notFound(resource: "network", id: key) }
            try await Self.replaceMembers(of: id, with: input.members, on: connection, logger: logger)
            try await AuditLog.record(.update, .network, id: id, before: before, context: context, on: connection, logger: logger)
        }
        return try await get(id: id)
    }

    func delete(_ key: String, context: WriteContext) async throws {
        try Permissions.requireAdmin(context.caller, to: "manage networks")
        guard let id = try await resolve(key) else { throw RegistryError.notFound(resource: "network", id: key) }
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            try await RecordOwnership.requireVersion(
                context.expectedVersion, of: id, in: "networks", resource: "network", on: connection, logger: logger)
            let before = try await AuditLog.document(.network, id, on: connection, logger: logger)
            try await RecordOwnership.softDelete(id, in: "networks", on: connection, logger: logger)
            try await AuditLog.record(.delete, .network, id: id, before: before, context: context, on: connection, logger: logger)
        }
    }

    private func get(id: UUID) async throws -> Network {
        guard
            let network = try await client.queryJoiningAmbient(
                "\(unescaped: Self.select) WHERE n.id = \(id) AND n.deleted_at IS NULL", logger: logger
            ).first(Self.network)
        else { throw RegistryError.notFound(resource: "network", id: id.lowercased) }
        return network
    }

    private static func requireFreeSlug(
        _ slug: String, except id: UUID?, on connection: DatabaseConnection, logger: Logger
    ) async throws {
        let taken = try await connection.query(
            """
            SELECT 1 FROM networks
            WHERE slug = \(slug) AND deleted_at IS NULL AND (\(id)::uuid IS NULL OR id <> \(id))
            """, logger: logger
        ).first { _ in true }
        if taken != nil { throw RegistryError.conflict("Another network already uses the slug '\(slug)'.") }
    }

    private static func replaceMembers(
        of id: UUID, with codes: [String], on connection: DatabaseConnection, logger: Logger
    ) async throws {
        let members = try await ReferenceStore.require(
            codes, field: { "members[\($0)]" }, on: connection, logger: logger)
        try await connection.query("DELETE FROM network_members WHERE network_id = \(id)", logger: logger)
        try await connection.query(
            """
            INSERT INTO network_members (network_id, authority_code)
            SELECT \(id), code FROM unnest(\(members)::text[]) AS code ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    private static func network(_ row: PostgresRandomAccessRow) throws -> Network {
        Network(
            id: try row.get("id", as: UUID.self).lowercased,
            version: try row.get("version"),
            slug: try row.get("slug"),
            name: try row.get("name"),
            kind: try row.term("kind"),
            description: try row.get("description"),
            regionCode: try row.get("region_code"),
            members: try row.get("members"),
            isDemo: try row.get("is_demo"),
            createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }
}
