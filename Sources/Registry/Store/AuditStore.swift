import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// Reads of the audit trail.
struct AuditStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    struct Filter: Sendable {
        /// A record kind (`AuditLog.Resource`) or an act's subject (`AuditLog.Act`).
        var resource: String?
        var resourceID: UUID?
        var actorID: UUID?
        var since: Date?
    }

    /// Keeps an act that changes no one record, joining the ambient transaction if there is one.
    func record(_ act: AuditLog.Act, detail: [String: String], caller: Caller) async throws {
        try await client.connectionJoiningAmbient { connection in
            try await AuditLog.record(act, detail: detail, caller: caller, on: connection, logger: logger)
        }
    }

    /// Entries oldest first, paged by their id (which only grows). Who made a change is named
    /// only to those who may see the contacts of that person's authority (its own editors and
    /// administrators); everyone else reads their role and authority, "an editor at Hartlepool".
    func list(_ filter: Filter, page: PageRequest, viewer: Caller) async throws -> Page<Components.Schemas.AuditEvent> {
        let rows = try await client.queryJoiningAmbient(
            """
            SELECT e.id, e.occurred_at, e.actor_id, e.actor_name, e.actor_role, e.action, e.resource_type,
                   e.resource_id, e.pilot_id, e.before::text AS before, e.after::text AS after,
                   a.name AS actor_authority_name,
                   CASE WHEN u.authority_code IS NULL THEN \(viewer.role.rawValue) = 'admin'
                        ELSE may_read('private', ARRAY[u.authority_code], \(viewer.role.rawValue), \(viewer.authority),
                                      \(viewer.networks)) END AS names_actor
            FROM audit_events e
            LEFT JOIN users u ON u.id = e.actor_id
            LEFT JOIN authorities a ON a.code = u.authority_code
            WHERE e.id > \(page.afterSeq)
              AND (\(filter.resource)::text IS NULL OR e.resource_type = \(filter.resource))
              AND (\(filter.resourceID)::uuid IS NULL OR e.resource_id = \(filter.resourceID))
              AND (\(filter.actorID)::uuid IS NULL OR e.actor_id = \(filter.actorID))
              AND (\(filter.since)::timestamptz IS NULL OR e.occurred_at >= \(filter.since))
            ORDER BY e.id LIMIT \(page.limit + 1)
            """, logger: logger
        ).all { (seq: try $0.get("id", as: Int64.self), item: try Self.event($0)) }
        return Page(rows: rows, limit: page.limit)
    }

    private static func event(_ row: PostgresRandomAccessRow) throws -> Components.Schemas.AuditEvent {
        func document<Document: Decodable>(_ column: String) throws -> Document? {
            guard let text = try row.get(column, as: String?.self) else { return nil }
            return try JSONDecoder().decode(Document.self, from: Data(text.utf8))
        }
        let role: Components.Schemas.AuditEvent.ActorRolePayload = try row.term("actor_role")
        let named = try row.get("names_actor", as: Bool.self)
        return Components.Schemas.AuditEvent(
            id: try row.get("id"),
            occurredAt: try row.get("occurred_at"),
            actorId: named ? try row.get("actor_id", as: UUID?.self)?.lowercased : nil,
            actorName: named
                ? try row.get("actor_name") : describe(role, at: try row.get("actor_authority_name", as: String?.self)),
            actorRole: role,
            action: try row.term("action"),
            resourceType: try row.term("resource_type"),
            resourceId: try row.get("resource_id", as: UUID?.self)?.lowercased,
            pilotId: try row.get("pilot_id", as: UUID?.self)?.lowercased,
            before: try document("before"),
            after: try document("after"))
    }

    /// Someone described by what they do, not who they are.
    private static func describe(_ role: Components.Schemas.AuditEvent.ActorRolePayload, at authority: String?) -> String {
        switch role {
        case .anonymous: "someone signing in"
        case .admin: "an administrator"
        case .authorityEditor: "an editor at \(authority ?? "an authority")"
        case .networkMember: "a network member"
        case .nationalAnalyst: "a national analyst"
        }
    }
}
