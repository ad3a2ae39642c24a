import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// Resourcing lines: staff (FTE) and money (£) to develop, implement and maintain a pilot.
struct ResourcingStore: Sendable {
    let table: PilotRecordTable<ResourcingLine>

    init(client: PostgresClient, logger: Logger) {
        table = PilotRecordTable(
            table: "resourcing_lines", resource: "resourcing line", participantsMayWrite: true, audited: .resourcingLine, recordID: { $0.id },
            columns: """
                r.id, r.version, r.pilot_id, r.authority_code, r.stage, r.fte::float8 AS fte, r.amount_gbp::text AS amount_gbp,
                r.funding_source, r.period_start::text AS period_start, r.period_end::text AS period_end, r.note,
                r.sharing_level, r.is_demo, r.created_at, r.updated_at
                """,
            decode: Self.line, client: client, logger: logger)
    }

    func create(pilot: UUID, _ input: ResourcingLineInput, context: WriteContext) async throws -> ResourcingLine {
        try await table.insert(pilot: pilot, authority: input.authority, context: context) { connection, parent, authority in
            try await connection.query(
                """
                INSERT INTO resourcing_lines AS r (pilot_id, authority_code, stage, fte, amount_gbp, funding_source,
                    period_start, period_end, note, sharing_level, is_demo)
                VALUES (\(pilot), \(authority), \(input.stage.rawValue), \(input.fte), \(input.amountGbp)::numeric,
                    \(input.fundingSource?.rawValue), \(input.periodStart)::date, \(input.periodEnd)::date, \(input.note),
                    \(input.sharingLevel?.rawValue ?? parent.sharingLevel), \(context.isDemo))
                RETURNING \(unescaped: table.columns)
                """, logger: table.logger)
        }
    }

    func update(pilot: UUID, id: UUID, _ input: ResourcingLineInput, context: WriteContext) async throws -> ResourcingLine {
        try await table.update(pilot: pilot, id: id, authority: input.authority, context: context) { connection, parent, authority in
            try await connection.query(
                """
                UPDATE resourcing_lines AS r SET authority_code = \(authority), stage = \(input.stage.rawValue),
                    fte = \(input.fte), amount_gbp = \(input.amountGbp)::numeric,
                    funding_source = \(input.fundingSource?.rawValue), period_start = \(input.periodStart)::date,
                    period_end = \(input.periodEnd)::date, note = \(input.note),
                    sharing_level = \(input.sharingLevel?.rawValue ?? parent.sharingLevel),
                    version = version + 1, updated_at = now()
                WHERE r.id = \(id) AND r.pilot_id = \(pilot) AND r.deleted_at IS NULL
                RETURNING \(unescaped: table.columns)
                """, logger: table.logger)
        }
    }

    @Sendable private static func line(_ row: PostgresRandomAccessRow) throws -> ResourcingLine {
        ResourcingLine(
            id: try row.get("id", as: UUID.self).lowercased,
            version: try row.get("version"),
            pilotId: try row.get("pilot_id", as: UUID.self).lowercased,
            authority: try row.get("authority_code"),
            stage: try row.term("stage"),
            fte: try row.get("fte"),
            amountGbp: try row.get("amount_gbp"),
            fundingSource: try row.optionalTerm("funding_source"),
            periodStart: try row.get("period_start"),
            periodEnd: try row.get("period_end"),
            note: try row.get("note"),
            sharingLevel: try row.term("sharing_level"),
            isDemo: try row.get("is_demo"),
            createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }
}
