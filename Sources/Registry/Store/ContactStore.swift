import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// Respondent contacts: who answers for an authority, and whether they may be contacted.
struct ContactStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    private static let columns = """
        c.id, c.seq, c.version, c.authority_code, c.name, c.email, c.role, c.consent_to_contact, c.is_demo, c.created_at,
        c.updated_at
        """

    /// Contacts are personal data: only their own authority's editors and administrators read them.
    func list(authority: String?, updatedSince: Date?, page: PageRequest, viewer: Caller) async throws -> Page<Contact> {
        let rows = try await client.queryJoiningAmbient(
            """
            SELECT \(unescaped: Self.columns) FROM contacts c
            WHERE c.deleted_at IS NULL AND c.seq > \(page.afterSeq)
              AND may_read('private', ARRAY[c.authority_code], \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks))
              AND (\(authority)::text IS NULL OR c.authority_code = \(authority))
              AND (\(updatedSince)::timestamptz IS NULL OR c.updated_at >= \(updatedSince))
            ORDER BY c.seq LIMIT \(page.limit + 1)
            """, logger: logger
        ).all { (seq: try $0.get("seq", as: Int64.self), item: try Self.contact($0)) }
        return Page(rows: rows, limit: page.limit)
    }

    func get(_ id: UUID, viewer: Caller) async throws -> Contact {
        guard
            let contact = try await client.queryJoiningAmbient(
                """
                SELECT \(unescaped: Self.columns) FROM contacts c
                WHERE c.id = \(id) AND c.deleted_at IS NULL AND may_read('private', ARRAY[c.authority_code], \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks))
                """, logger: logger
            ).first(Self.contact)
        else { throw RegistryError.notFound(resource: "contact", id: id.lowercased) }
        return contact
    }

    /// Whether the authority already has a live contact with this email address.
    func exists(authority: String, email: String) async throws -> Bool {
        try await client.queryJoiningAmbient(
            """
            SELECT EXISTS (SELECT 1 FROM contacts WHERE authority_code = \(authority) AND lower(email) = lower(\(email))
                           AND deleted_at IS NULL) AS found
            """, logger: logger
        ).first { try $0.get("found", as: Bool.self) } ?? false
    }

    func create(_ input: ContactInput, context: WriteContext) async throws -> Contact {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let authority = try await ReferenceStore.require(
                [input.authority], field: { _ in "authority" }, on: connection, logger: logger)[0]
            try Permissions.requireEditor(of: authority, context.caller)
            let record = try await connection.query(
                """
                INSERT INTO contacts AS c (authority_code, name, email, role, consent_to_contact, is_demo)
                VALUES (\(authority), \(input.name), \(input.email), \(input.role), \(input.consentToContact),
                        \(context.isDemo))
                RETURNING \(unescaped: Self.columns)
                """, logger: logger
            ).first(Self.contact)!
            try await AuditLog.record(
                .create, .contact, id: UUID(uuidString: record.id)!, before: nil, context: context, on: connection, logger: logger)
            return record
        }
    }

    func update(_ id: UUID, _ input: ContactInput, context: WriteContext) async throws -> Contact {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            try Permissions.requireEditor(of: try await owner(of: id, viewer: context.caller, on: connection), context.caller)
            try await RecordOwnership.requireVersion(
                context.expectedVersion, of: id, in: "contacts", resource: "contact", on: connection, logger: logger)
            let before = try await AuditLog.document(.contact, id, on: connection, logger: logger)
            let authority = try await ReferenceStore.require(
                [input.authority], field: { _ in "authority" }, on: connection, logger: logger)[0]
            try Permissions.requireEditor(of: authority, context.caller)
            guard
                let contact = try await connection.query(
                    """
                    UPDATE contacts AS c SET authority_code = \(authority), name = \(input.name), email = \(input.email),
                        role = \(input.role), consent_to_contact = \(input.consentToContact),
                        version = version + 1, updated_at = now()
                    WHERE c.id = \(id) AND c.deleted_at IS NULL
                    RETURNING \(unescaped: Self.columns)
                    """, logger: logger
                ).first(Self.contact)
            else { throw RegistryError.notFound(resource: "contact", id: id.lowercased) }
            try await AuditLog.record(.update, .contact, id: id, before: before, context: context, on: connection, logger: logger)
            return contact
        }
    }

    func delete(_ id: UUID, context: WriteContext) async throws {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            try Permissions.requireEditor(of: try await owner(of: id, viewer: context.caller, on: connection), context.caller)
            try await RecordOwnership.requireVersion(
                context.expectedVersion, of: id, in: "contacts", resource: "contact", on: connection, logger: logger)
            let before = try await AuditLog.document(.contact, id, on: connection, logger: logger)
            try await RecordOwnership.softDelete(id, in: "contacts", on: connection, logger: logger)
            try await AuditLog.record(.delete, .contact, id: id, before: before, context: context, on: connection, logger: logger)
        }
    }

    private func owner(of id: UUID, viewer: Caller, on connection: DatabaseConnection) async throws -> String {
        try await RecordOwnership.authority(
            of: id, in: "contacts", level: "'private'", resource: "contact", viewer: viewer, on: connection, logger: logger)
    }

    private static func contact(_ row: PostgresRandomAccessRow) throws -> Contact {
        Contact(
            id: try row.get("id", as: UUID.self).lowercased,
            version: try row.get("version"),
            authority: try row.get("authority_code"),
            name: try row.get("name"),
            email: try row.get("email"),
            role: try row.get("role"),
            consentToContact: try row.get("consent_to_contact"),
            isDemo: try row.get("is_demo"),
            createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }
}
