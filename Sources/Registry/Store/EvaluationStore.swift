import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// Evaluations with their structured measures, which are replaced as a whole on update.
struct EvaluationStore: Sendable {
    let table: PilotRecordTable<Evaluation>

    init(client: PostgresClient, logger: Logger) {
        table = PilotRecordTable(
            table: "evaluations", resource: "evaluation", participantsMayWrite: true, audited: .evaluation, recordID: { $0.id },
            columns: """
                r.id, r.version, r.pilot_id, r.authority_code, r.evaluator, r.design, r.status, r.outcome, r.findings,
                r.report_url, r.started_on::text AS started_on, r.completed_on::text AS completed_on,
                r.sharing_level, r.is_demo, r.created_at, r.updated_at,
                coalesce((SELECT json_agg(json_strip_nulls(json_build_object(
                              'name', m.name, 'unit', m.unit, 'baseline', m.baseline, 'value', m.value,
                              'note', m.note)) ORDER BY m.position)
                          FROM evaluation_measures m WHERE m.evaluation_id = r.id), '[]')::text AS measures
                """,
            decode: Self.evaluation, client: client, logger: logger)
    }

    func create(pilot: UUID, _ input: EvaluationInput, context: WriteContext) async throws -> Evaluation {
        let id = try await table.client.transactionJoiningAmbient(logger: table.logger) { connection in
            let parent = try await PilotParent.require(pilot, viewer: context.caller, on: connection, logger: table.logger)
            let authority = try await parent.authority(input.authority, field: "authority", on: connection, logger: table.logger)
            try await table.authorize(parent: parent, existing: nil, authority: authority, context: context, on: connection)
            let id = try await connection.query(
                """
                INSERT INTO evaluations (pilot_id, authority_code, evaluator, design, status, outcome, findings,
                    report_url, started_on, completed_on, sharing_level, is_demo)
                VALUES (\(pilot), \(authority), \(input.evaluator.rawValue), \(input.design?.rawValue),
                    \(input.status.rawValue), \(input.outcome?.rawValue), \(input.findings), \(input.reportUrl),
                    \(input.startedOn)::date, \(input.completedOn)::date,
                    \(input.sharingLevel?.rawValue ?? parent.sharingLevel), \(context.isDemo))
                RETURNING id
                """, logger: table.logger
            ).first { try $0.get("id", as: UUID.self) }!
            try await Self.replaceMeasures(of: id, with: input.measures ?? [], on: connection, logger: table.logger)
            try await AuditLog.record(
                .create, .evaluation, id: id, pilot: pilot, before: nil, context: context, on: connection, logger: table.logger)
            return id
        }
        return try await table.get(pilot: pilot, id: id, viewer: context.caller)
    }

    func update(pilot: UUID, id: UUID, _ input: EvaluationInput, context: WriteContext) async throws -> Evaluation {
        try await table.client.transactionJoiningAmbient(logger: table.logger) { connection in
            let parent = try await PilotParent.require(pilot, viewer: context.caller, on: connection, logger: table.logger)
            let authority = try await parent.authority(input.authority, field: "authority", on: connection, logger: table.logger)
            try await table.authorize(parent: parent, existing: id, authority: authority, context: context, on: connection)
            try await RecordOwnership.requireVersion(
                context.expectedVersion, of: id, in: "evaluations", resource: "evaluation", on: connection, logger: table.logger)
            let before = try await AuditLog.document(.evaluation, id, on: connection, logger: table.logger)
            let updated = try await connection.query(
                """
                UPDATE evaluations SET authority_code = \(authority), evaluator = \(input.evaluator.rawValue),
                    design = \(input.design?.rawValue), status = \(input.status.rawValue),
                    outcome = \(input.outcome?.rawValue), findings = \(input.findings), report_url = \(input.reportUrl),
                    started_on = \(input.startedOn)::date, completed_on = \(input.completedOn)::date,
                    sharing_level = \(input.sharingLevel?.rawValue ?? parent.sharingLevel),
                    version = version + 1, updated_at = now()
                WHERE id = \(id) AND pilot_id = \(pilot) AND deleted_at IS NULL RETURNING id
                """, logger: table.logger
            ).first { _ in true }
            if updated == nil { throw RegistryError.notFound(resource: "evaluation", id: id.lowercased) }
            try await Self.replaceMeasures(of: id, with: input.measures ?? [], on: connection, logger: table.logger)
            try await AuditLog.record(
                .update, .evaluation, id: id, pilot: pilot, before: before, context: context, on: connection, logger: table.logger)
        }
        return try await table.get(pilot: pilot, id: id, viewer: context.caller)
    }

    private static func replaceMeasures(
        of id: UUID, with measures: [Measure], on connection: DatabaseConnection, logger: Logger
    ) async throws {
        try await connection.query("DELETE FROM evaluation_measures WHERE evaluation_id = \(id)", logger: logger)
        for (position, measure) in measures.enumerated() {
            try await connection.query(
                """
                INSERT INTO evaluation_measures (evaluation_id, position, name, unit, baseline, value, note)
                VALUES (\(id), \(position), \(measure.name), \(measure.unit), \(measure.baseline), \(measure.value),
                        \(measure.note))
                """, logger: logger)
        }
    }

    @Sendable private static func evaluation(_ row: PostgresRandomAccessRow) throws -> Evaluation {
        let measures = try JSONDecoder().decode([Measure].self, from: Data(try row.get("measures", as: String.self).utf8))
        return Evaluation(
            id: try row.get("id", as: UUID.self).lowercased,
            version: try row.get("version"),
            pilotId: try row.get("pilot_id", as: UUID.self).lowercased,
            authority: try row.get("authority_code"),
            evaluator: try row.term("evaluator"),
            design: try row.optionalTerm("design"),
            status: try row.term("status"),
            outcome: try row.optionalTerm("outcome"),
            findings: try row.get("findings"),
            reportUrl: try row.get("report_url"),
            startedOn: try row.get("started_on"),
            completedOn: try row.get("completed_on"),
            measures: measures,
            sharingLevel: try row.term("sharing_level"),
            isDemo: try row.get("is_demo"),
            createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }
}
