import Foundation
import Logging
import PostgresNIO

/// Who a record belongs to, for the stores whose write rules depend on it. Table names come
/// from those stores' own constants, never from a request.
enum RecordOwnership {
    /// The authority a live record belongs to, locked for the rest of the transaction; 404 when
    /// the viewer may not see it. `level` is the SQL for the record's sharing level.
    static func authority(
        of id: UUID, in table: String, level: String, resource: String, viewer: Caller,
        on connection: DatabaseConnection, logger: Logger
    ) async throws -> String {
        guard
            let authority = try await connection.query(
                """
                SELECT authority_code FROM \(unescaped: table) WHERE id = \(id) AND deleted_at IS NULL
                  AND may_read(\(unescaped: level), ARRAY[authority_code], \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks))
                FOR UPDATE
                """, logger: logger
            ).first({ try $0.get("authority_code", as: String.self) })
        else { throw RegistryError.notFound(resource: resource, id: id.lowercased) }
        return authority
    }

    /// Who added a live catalogue entry (nil for entries from before accounts existed).
    static func creator(of id: UUID, in table: String, resource: String, client: PostgresClient, logger: Logger)
        async throws -> UUID?
    {
        guard
            let creator = try await client.queryJoiningAmbient(
                "SELECT created_by FROM \(unescaped: table) WHERE id = \(id) AND deleted_at IS NULL", logger: logger
            ).first({ try $0.get("created_by", as: UUID?.self) })
        else { throw RegistryError.notFound(resource: resource, id: id.lowercased) }
        return creator
    }

    /// Hides a record from every read while keeping it in the database.
    static func softDelete(_ id: UUID, in table: String, on connection: DatabaseConnection, logger: Logger) async throws {
        try await connection.query(
            "UPDATE \(unescaped: table) SET deleted_at = now(), version = version + 1 WHERE id = \(id)", logger: logger)
    }

    /// Locks the live record and checks it is still the version the writer read, so of two
    /// simultaneous changes to one version exactly one succeeds.
    static func requireVersion(
        _ expected: Int?, of id: UUID, in table: String, resource: String, on connection: DatabaseConnection,
        logger: Logger
    ) async throws {
        guard
            let current = try await connection.query(
                "SELECT version FROM \(unescaped: table) WHERE id = \(id) AND deleted_at IS NULL FOR UPDATE",
                logger: logger
            ).first({ try $0.get("version", as: Int.self) })
        else { throw RegistryError.notFound(resource: resource, id: id.lowercased) }
        try requireVersion(expected, matches: current)
    }

    /// For a record already locked with its version read: the writer must have read that version.
    static func requireVersion(_ expected: Int?, matches current: Int) throws {
        if let expected, expected != current { throw RegistryError.stale(currentVersion: current) }
    }
}
