import Foundation
import Logging
import PostgresNIO

/// The reads and deletes every kind of record hanging off a pilot shares (resourcing lines,
/// assessments, evaluations, insights). Each kind's own store adds its inserts and updates.
struct PilotRecordTable<Record: Sendable>: Sendable {
    /// A table name from this file's callers, never from a request.
    let table: String
    /// What a 404 calls the record.
    let resource: String
    /// Resourcing lines and evaluations belong to an authority, and a participant in the pilot
    /// may add and change its own; other records are the lead's alone.
    let participantsMayWrite: Bool
    /// What the audit trail calls this kind of record.
    let audited: AuditLog.Resource
    /// The record's id, for the audit trail.
    let recordID: @Sendable (Record) -> String
    /// The select list, from the caller's store; the table is aliased `r`.
    let columns: String
    let decode: @Sendable (PostgresRandomAccessRow) throws -> Record
    let client: PostgresClient
    let logger: Logger

    func list(pilot: UUID, page: PageRequest, viewer: Caller) async throws -> Page<Record> {
        try await client.connectionJoiningAmbient { connection in
            _ = try await PilotParent.require(pilot, viewer: viewer, locking: false, on: connection, logger: logger)
        }
        return Page(rows: try await rows(of: pilot, after: page.afterSeq, limit: page.limit + 1, viewer: viewer), limit: page.limit)
    }

    /// Every record of a pilot that `viewer` has just read, so the pilot is not checked again:
    /// one statement where a page of each kind took two.
    func all(ofReadPilot pilot: UUID, viewer: Caller) async throws -> [Record] {
        try await rows(of: pilot, after: 0, limit: nil, viewer: viewer).map(\.item)
    }

    private func rows(of pilot: UUID, after seq: Int64, limit: Int?, viewer: Caller) async throws -> [(seq: Int64, item: Record)] {
        try await client.queryJoiningAmbient(
            """
            SELECT r.seq, \(unescaped: columns) FROM \(unescaped: table) r
            WHERE r.pilot_id = \(pilot) AND r.deleted_at IS NULL AND r.seq > \(seq)
              AND may_read_pilot_record(r.pilot_id, r.sharing_level, \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks))
            ORDER BY r.seq LIMIT \(limit)
            """, logger: logger
        ).all { (seq: try $0.get("seq", as: Int64.self), item: try decode($0)) }
    }

    func get(pilot: UUID, id: UUID, viewer: Caller) async throws -> Record {
        guard
            let record = try await client.queryJoiningAmbient(
                """
                SELECT \(unescaped: columns) FROM \(unescaped: table) r
                WHERE r.id = \(id) AND r.pilot_id = \(pilot) AND r.deleted_at IS NULL
                  AND may_read_pilot_record(r.pilot_id, r.sharing_level, \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks))
                """, logger: logger
            ).first(decode)
        else { throw RegistryError.notFound(resource: resource, id: id.lowercased) }
        return record
    }

    /// Soft delete, so the record stays recoverable.
    func delete(pilot: UUID, id: UUID, context: WriteContext) async throws {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let parent = try await PilotParent.require(pilot, viewer: context.caller, on: connection, logger: logger)
            try await authorize(parent: parent, existing: id, authority: nil, context: context, on: connection)
            try await RecordOwnership.requireVersion(
                context.expectedVersion, of: id, in: table, resource: resource, on: connection, logger: logger)
            let before = try await AuditLog.document(audited, id, on: connection, logger: logger)
            try await RecordOwnership.softDelete(id, in: table, on: connection, logger: logger)
            try await AuditLog.record(
                .delete, audited, id: id, pilot: pilot, before: before, context: context, on: connection, logger: logger)
        }
    }

    /// Runs the caller's UPDATE once the pilot and the caller's right to change the record are
    /// checked; `write` gets the record's authority (the one given, else the pilot's lead).
    func update(
        pilot: UUID, id: UUID, authority given: String?, context: WriteContext,
        _ write: @Sendable (DatabaseConnection, PilotParent, String) async throws -> FetchedRows
    ) async throws -> Record {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let parent = try await PilotParent.require(pilot, viewer: context.caller, on: connection, logger: logger)
            let authority = try await parent.authority(given, field: "authority", on: connection, logger: logger)
            try await authorize(parent: parent, existing: id, authority: authority, context: context, on: connection)
            try await RecordOwnership.requireVersion(
                context.expectedVersion, of: id, in: table, resource: resource, on: connection, logger: logger)
            let before = try await AuditLog.document(audited, id, on: connection, logger: logger)
            guard let record = try await write(connection, parent, authority).first(decode) else {
                throw RegistryError.notFound(resource: resource, id: id.lowercased)
            }
            try await AuditLog.record(
                .update, audited, id: id, pilot: pilot, before: before, context: context, on: connection, logger: logger)
            return record
        }
    }

    /// Runs the caller's INSERT once the pilot and the caller's right to add to it are checked.
    func insert(
        pilot: UUID, authority given: String?, context: WriteContext,
        _ write: @Sendable (DatabaseConnection, PilotParent, String) async throws -> FetchedRows
    ) async throws -> Record {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let parent = try await PilotParent.require(pilot, viewer: context.caller, on: connection, logger: logger)
            let authority = try await parent.authority(given, field: "authority", on: connection, logger: logger)
            try await authorize(parent: parent, existing: nil, authority: authority, context: context, on: connection)
            let record = try await write(connection, parent, authority).first(decode)!
            try await AuditLog.record(
                .create, audited, id: UUID(uuidString: recordID(record))!, pilot: pilot, before: nil, context: context,
                on: connection, logger: logger)
            return record
        }
    }

    /// Applies `Permissions.requirePilotRecordEditor` to the record as it is and as it will be.
    func authorize(
        parent: PilotParent, existing id: UUID?, authority: String?, context: WriteContext,
        on connection: DatabaseConnection
    ) async throws {
        let viewer = context.caller
        if let id {
            guard
                let current = try await connection.query(
                    """
                    SELECT \(unescaped: participantsMayWrite ? "authority_code" : "NULL::text AS authority_code")
                    FROM \(unescaped: table) r WHERE r.id = \(id) AND r.pilot_id = \(parent.id) AND r.deleted_at IS NULL
                      AND may_read_pilot_record(r.pilot_id, r.sharing_level, \(viewer.role.rawValue),
                          \(viewer.authority), \(viewer.networks))
                    """, logger: logger
                ).first({ try $0.get("authority_code", as: String?.self) })
            else { throw RegistryError.notFound(resource: resource, id: id.lowercased) }
            try Permissions.requirePilotRecordEditor(
                lead: parent.leadAuthority, participants: parent.participants, recordAuthority: current,
                participantsMayWrite: participantsMayWrite, context.caller)
        }
        if authority != nil || id == nil {
            try Permissions.requirePilotRecordEditor(
                lead: parent.leadAuthority, participants: parent.participants,
                recordAuthority: participantsMayWrite ? authority : nil,
                participantsMayWrite: participantsMayWrite, context.caller)
        }
    }
}
