import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// Providers: the companies and bodies that supply tools.
struct ProviderStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    private static let columns = "id, seq, version, name, website, description, companies_house_number, is_demo, created_at, updated_at"

    func list(updatedSince: Date?, page: PageRequest) async throws -> Page<Provider> {
        let rows = try await client.queryJoiningAmbient(
            """
            SELECT \(unescaped: Self.columns) FROM providers
            WHERE deleted_at IS NULL AND seq > \(page.afterSeq)
              AND (\(updatedSince)::timestamptz IS NULL OR updated_at >= \(updatedSince))
            ORDER BY seq LIMIT \(page.limit + 1)
            """, logger: logger
        ).all { (seq: try $0.get("seq", as: Int64.self), item: try Self.provider($0)) }
        return Page(rows: rows, limit: page.limit)
    }

    /// Live providers named like `query`, closest first (see `catalogue_fold` in the migrations).
    func search(_ query: String, updatedSince: Date?, limit: Int) async throws -> [Provider] {
        try await client.queryJoiningAmbient(
            """
            SELECT \(unescaped: Self.columns) FROM providers
            WHERE deleted_at IS NULL AND catalogue_fold(\(query)) <> ''
              AND (catalogue_fold(\(query)) <% catalogue_fold(name) OR catalogue_fold(name) LIKE '%' || catalogue_fold(\(query)) || '%')
              AND (\(updatedSince)::timestamptz IS NULL OR updated_at >= \(updatedSince))
            ORDER BY word_similarity(catalogue_fold(\(query)), catalogue_fold(name)) DESC, seq LIMIT \(limit)
            """, logger: logger
        ).all(Self.provider)
    }

    func get(_ id: UUID) async throws -> Provider {
        guard
            let provider = try await client.queryJoiningAmbient(
                "SELECT \(unescaped: Self.columns) FROM providers WHERE id = \(id) AND deleted_at IS NULL",
                logger: logger
            ).first(Self.provider)
        else { throw RegistryError.notFound(resource: "provider", id: id.lowercased) }
        return provider
    }

    /// The oldest live provider with this name, ignoring case, accents and punctuation: how
    /// imports find catalogue entries.
    func find(named name: String) async throws -> UUID? {
        try await client.queryJoiningAmbient(
            "SELECT id FROM providers WHERE catalogue_fold(name) = catalogue_fold(\(name)) AND deleted_at IS NULL ORDER BY seq LIMIT 1",
            logger: logger
        ).first { try $0.get("id", as: UUID.self) }
    }

    func create(_ input: ProviderInput, context: WriteContext) async throws -> Provider {
        try Permissions.requireCatalogueEditor(context.caller)
        let number = input.companiesHouseNumber.flatMap(CompaniesHouseNumber.normalised)
        return try await client.transactionJoiningAmbient(logger: logger) { connection in
            try await Self.requireUnique(number, besides: nil, on: connection, logger: logger)
            let provider = try await connection.query(
                """
                INSERT INTO providers (name, website, description, companies_house_number, is_demo, created_by)
                VALUES (\(input.name), \(input.website), \(input.description), \(number), \(context.isDemo), \(context.caller.userID))
                RETURNING \(unescaped: Self.columns)
                """, logger: logger
            ).first(Self.provider)!
            try await AuditLog.record(
                .create, .provider, id: UUID(uuidString: provider.id)!, before: nil, context: context, on: connection,
                logger: logger)
            return provider
        }
    }

    func update(_ id: UUID, _ input: ProviderInput, context: WriteContext) async throws -> Provider {
        try Permissions.requireCatalogueOwner(createdBy: try await creator(of: id), context.caller)
        let number = input.companiesHouseNumber.flatMap(CompaniesHouseNumber.normalised)
        return try await client.transactionJoiningAmbient(logger: logger) { connection in
            try await RecordOwnership.requireVersion(
                context.expectedVersion, of: id, in: "providers", resource: "provider", on: connection, logger: logger)
            try await Self.requireUnique(number, besides: id, on: connection, logger: logger)
            let before = try await AuditLog.document(.provider, id, on: connection, logger: logger)
            guard
                let provider = try await connection.query(
                    """
                    UPDATE providers SET name = \(input.name), website = \(input.website),
                        description = \(input.description), companies_house_number = \(number),
                        version = version + 1, updated_at = now()
                    WHERE id = \(id) AND deleted_at IS NULL
                    RETURNING \(unescaped: Self.columns)
                    """, logger: logger
                ).first(Self.provider)
            else { throw RegistryError.notFound(resource: "provider", id: id.lowercased) }
            try await AuditLog.record(.update, .provider, id: id, before: before, context: context, on: connection, logger: logger)
            return provider
        }
    }

    /// Soft delete; refused while a live tool still names the provider.
    func delete(_ id: UUID, context: WriteContext) async throws {
        try Permissions.requireCatalogueOwner(createdBy: try await creator(of: id), context.caller)
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let inUse = try await connection.query(
                "SELECT count(*) FROM tools WHERE provider_id = \(id) AND deleted_at IS NULL", logger: logger
            ).first { try $0.get("count", as: Int.self) } ?? 0
            if inUse > 0 { throw RegistryError.conflict("The provider still has \(inUse) tool(s); delete or move them first.") }
            try await RecordOwnership.requireVersion(
                context.expectedVersion, of: id, in: "providers", resource: "provider", on: connection, logger: logger)
            let before = try await AuditLog.document(.provider, id, on: connection, logger: logger)
            let deleted = try await connection.query(
                "UPDATE providers SET deleted_at = now(), version = version + 1 WHERE id = \(id) AND deleted_at IS NULL RETURNING id",
                logger: logger
            ).first { _ in true }
            if deleted == nil { throw RegistryError.notFound(resource: "provider", id: id.lowercased) }
            try await AuditLog.record(.delete, .provider, id: id, before: before, context: context, on: connection, logger: logger)
        }
    }

    /// One live provider per Companies House number: the second is told which has it. (A
    /// unique index backs this up against two writers at once.)
    private static func requireUnique(_ number: String?, besides id: UUID?, on connection: DatabaseConnection, logger: Logger) async throws {
        guard let number else { return }
        let holder = try await connection.query(
            """
            SELECT name FROM providers
            WHERE companies_house_number = \(number) AND deleted_at IS NULL AND (\(id)::uuid IS NULL OR id <> \(id))
            """, logger: logger
        ).first { try $0.get("name", as: String.self) }
        if let holder {
            throw RegistryError.invalid([.init(field: "companies_house_number", message: "is already the number of \(holder)")])
        }
    }

    private func creator(of id: UUID) async throws -> UUID? {
        try await RecordOwnership.creator(of: id, in: "providers", resource: "provider", client: client, logger: logger)
    }

    private static func provider(_ row: PostgresRandomAccessRow) throws -> Provider {
        Provider(
            id: try row.get("id", as: UUID.self).lowercased,
            version: try row.get("version"),
            name: try row.get("name"),
            website: try row.get("website"),
            description: try row.get("description"),
            companiesHouseNumber: try row.get("companies_house_number"),
            isDemo: try row.get("is_demo"),
            createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }
}
