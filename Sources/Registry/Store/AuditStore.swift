import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// Reads of the audit trail.
struct AuditStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    struct Filter: Sendable {
        var resource: AuditLog.Resource?
        var resourceID: UUID?
        var actorID: UUID?
        var since: Date?
    }

    /// Entries oldest first, paged by their id (which only grows).
    func list(_ filter: Filter, page: PageRequest) async throws -> Page<Components.Schemas.AuditEvent> {
        let rows = try await client.queryJoiningAmbient(
            """
            SELECT id, occurred_at, actor_id, actor_name, actor_role, action, resource_type, resource_id, pilot_id,
                   before::text AS before, after::text AS after
            FROM audit_events
            WHERE id > \(page.afterSeq)
              AND (\(filter.resource?.rawValue)::text IS NULL OR resource_type = \(filter.resource?.rawValue))
              AND (\(filter.resourceID)::uuid IS NULL OR resource_id = \(filter.resourceID))
              AND (\(filter.actorID)::uuid IS NULL OR actor_id = \(filter.actorID))
              AND (\(filter.since)::timestamptz IS NULL OR occurred_at >= \(filter.since))
            ORDER BY id LIMIT \(page.limit + 1)
            """, logger: logger
        ).all { (seq: try $0.get("id", as: Int64.self), item: try Self.event($0)) }
        return Page(rows: rows, limit: page.limit)
    }

    private static func event(_ row: PostgresRandomAccessRow) throws -> Components.Schemas.AuditEvent {
        func document<Document: Decodable>(_ column: String) throws -> Document? {
            guard let text = try row.get(column, as: String?.self) else { return nil }
            return try JSONDecoder().decode(Document.self, from: Data(text.utf8))
        }
        return Components.Schemas.AuditEvent(
            id: try row.get("id"),
            occurredAt: try row.get("occurred_at"),
            actorId: try row.get("actor_id", as: UUID?.self)?.lowercased,
            actorName: try row.get("actor_name"),
            actorRole: try row.term("actor_role"),
            action: try row.term("action"),
            resourceType: try row.term("resource_type"),
            resourceId: try row.get("resource_id", as: UUID.self).lowercased,
            pilotId: try row.get("pilot_id", as: UUID?.self)?.lowercased,
            before: try document("before"),
            after: try document("after"))
    }
}
