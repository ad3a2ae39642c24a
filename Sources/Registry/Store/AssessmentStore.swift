import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// Risk and ethics assessments: kind, principles covered, safeguards in place, risks named.
struct AssessmentStore: Sendable {
    let table: PilotRecordTable<Assessment>

    init(client: PostgresClient, logger: Logger) {
        table = PilotRecordTable(
            table: "assessments", resource: "assessment", participantsMayWrite: false, audited: .assessment, recordID: { $0.id },
            columns: """
                r.id, r.version, r.pilot_id, r.kind, r.status, r.completed_on::text AS completed_on, r.principles, r.safeguards,
                r.risks, r.summary, r.link, r.sharing_level, r.is_demo, r.created_at, r.updated_at
                """,
            decode: Self.assessment, client: client, logger: logger)
    }

    func create(pilot: UUID, _ input: AssessmentInput, context: WriteContext) async throws -> Assessment {
        try await table.insert(pilot: pilot, authority: nil, context: context) { connection, parent, _ in
            try await connection.query(
                """
                INSERT INTO assessments AS r (pilot_id, kind, status, completed_on, principles, safeguards, risks,
                    summary, link, sharing_level, is_demo)
                VALUES (\(pilot), \(input.kind.rawValue), \(input.status.rawValue), \(input.completedOn)::date,
                    \(Self.raw(input.principles)), \(Self.raw(input.safeguards)), \(Self.raw(input.risks)),
                    \(input.summary), \(input.link), \(input.sharingLevel?.rawValue ?? parent.sharingLevel),
                    \(context.isDemo))
                RETURNING \(unescaped: table.columns)
                """, logger: table.logger)
        }
    }

    func update(pilot: UUID, id: UUID, _ input: AssessmentInput, context: WriteContext) async throws -> Assessment {
        try await table.update(pilot: pilot, id: id, authority: nil, context: context) { connection, parent, _ in
            try await connection.query(
                """
                UPDATE assessments AS r SET kind = \(input.kind.rawValue), status = \(input.status.rawValue),
                    completed_on = \(input.completedOn)::date, principles = \(Self.raw(input.principles)),
                    safeguards = \(Self.raw(input.safeguards)), risks = \(Self.raw(input.risks)),
                    summary = \(input.summary), link = \(input.link),
                    sharing_level = \(input.sharingLevel?.rawValue ?? parent.sharingLevel),
                    version = version + 1, updated_at = now()
                WHERE r.id = \(id) AND r.pilot_id = \(pilot) AND r.deleted_at IS NULL
                RETURNING \(unescaped: table.columns)
                """, logger: table.logger)
        }
    }

    private static func raw<Term: RawRepresentable>(_ terms: [Term]?) -> [String] where Term.RawValue == String {
        (terms ?? []).map(\.rawValue)
    }

    @Sendable private static func assessment(_ row: PostgresRandomAccessRow) throws -> Assessment {
        Assessment(
            id: try row.get("id", as: UUID.self).lowercased,
            version: try row.get("version"),
            pilotId: try row.get("pilot_id", as: UUID.self).lowercased,
            kind: try row.term("kind"),
            status: try row.term("status"),
            completedOn: try row.get("completed_on"),
            principles: try row.terms("principles"),
            safeguards: try row.terms("safeguards"),
            risks: try row.terms("risks"),
            summary: try row.get("summary"),
            link: try row.get("link"),
            sharingLevel: try row.term("sharing_level"),
            isDemo: try row.get("is_demo"),
            createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }
}
