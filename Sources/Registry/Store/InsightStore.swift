import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// Insights: impact, learnings, barriers, enablers and asks of government, in the authority's words.
struct InsightStore: Sendable {
    let table: PilotRecordTable<Insight>

    init(client: PostgresClient, logger: Logger) {
        table = PilotRecordTable(
            table: "insights", resource: "insight", participantsMayWrite: false, audited: .insight, recordID: { $0.id },
            columns: "r.id, r.version, r.pilot_id, r.kind, r.scope, r.text, r.sharing_level, r.is_demo, r.created_at, r.updated_at",
            decode: Self.insight, client: client, logger: logger)
    }

    func create(pilot: UUID, _ input: InsightInput, context: WriteContext) async throws -> Insight {
        try await table.insert(pilot: pilot, authority: nil, context: context) { connection, parent, _ in
            try await connection.query(
                """
                INSERT INTO insights AS r (pilot_id, kind, scope, text, sharing_level, is_demo)
                VALUES (\(pilot), \(input.kind.rawValue), \(input.scope?.rawValue), \(input.text),
                        \(input.sharingLevel?.rawValue ?? parent.sharingLevel), \(context.isDemo))
                RETURNING \(unescaped: table.columns)
                """, logger: table.logger)
        }
    }

    func update(pilot: UUID, id: UUID, _ input: InsightInput, context: WriteContext) async throws -> Insight {
        try await table.update(pilot: pilot, id: id, authority: nil, context: context) { connection, parent, _ in
            try await connection.query(
                """
                UPDATE insights AS r SET kind = \(input.kind.rawValue), scope = \(input.scope?.rawValue),
                    text = \(input.text), sharing_level = \(input.sharingLevel?.rawValue ?? parent.sharingLevel),
                    version = version + 1, updated_at = now()
                WHERE r.id = \(id) AND r.pilot_id = \(pilot) AND r.deleted_at IS NULL
                RETURNING \(unescaped: table.columns)
                """, logger: table.logger)
        }
    }

    @Sendable private static func insight(_ row: PostgresRandomAccessRow) throws -> Insight {
        Insight(
            id: try row.get("id", as: UUID.self).lowercased,
            version: try row.get("version"),
            pilotId: try row.get("pilot_id", as: UUID.self).lowercased,
            kind: try row.term("kind"),
            scope: try row.optionalTerm("scope"),
            text: try row.get("text"),
            sharingLevel: try row.term("sharing_level"),
            isDemo: try row.get("is_demo"),
            createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }
}
