import Foundation
import Logging
import PostgresNIO

/// Every live record the viewer may read, table by table, for bulk exports. Each table keeps
/// the registry's own ids, GSS codes, versions and timestamps, so exports can be joined to each
/// other and to later exports. Deleted records are left out; their history stays in the trail.
struct ExportStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    enum Table: String, Sendable, CaseIterable {
        case providers, tools, networks
        case networkMembers = "network_members"
        case pilots
        case pilotParticipants = "pilot_participants"
        case phaseChanges = "phase_changes"
        case resourcingLines = "resourcing_lines"
        case assessments, evaluations
        case evaluationMeasures = "evaluation_measures"
        case insights
        case singleViews = "single_views"
        case contacts
        /// When each exported record was created, changed, deleted or moved phase.
        case recordHistory = "record_history"
    }

    /// A table's column names and its rows.
    struct Rows: Sendable {
        var columns: [String]
        var rows: [[Value]]
    }

    /// A value as PostgreSQL's JSON gave it: numbers keep their exact decimal text.
    enum Value: Sendable, Equatable, Decodable {
        case null
        case text(String)
        case number(String)
        case boolean(Bool)
        case list([String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .boolean(flag)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let number = try? container.decode(Decimal.self) {
                self = .number("\(number)")
            } else {
                self = .list(try container.decode([String].self))
            }
        }
    }

    func rows(_ table: Table, viewer: Caller) async throws -> Rows {
        let (columns, source) = Self.definition(table)
        let expressions = columns.map { $0.components(separatedBy: " AS ")[0] }
        let sql = Self.visible + "SELECT json_build_array(\(expressions.joined(separator: ", ")))::text AS cells " + source
        var binds = PostgresBindings()
        binds.append(viewer: viewer)
        var rows: [[Value]] = []
        let decoder = JSONDecoder()
        for cells in try await client.queryJoiningAmbient(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).decode(String.self) {
            rows.append(try decoder.decode([Value].self, from: Data(cells.utf8)))
        }
        return Rows(columns: columns.map(Self.name), rows: rows)
    }

    /// A column's name in the export: `p.lead_authority` → `lead_authority`; `x::text AS name` → `name`.
    private static func name(_ column: String) -> String {
        if let alias = column.range(of: " AS ") { return String(column[alias.upperBound...]) }
        return String(column.split(separator: ".").last!)
    }

    // MARK: - SQL

    /// Pilots and records the viewer may read ($1 role, $2 authority, $3 networks).
    private static let visible = """
        WITH visible_pilots AS (
            SELECT p.* FROM pilots p
            WHERE p.deleted_at IS NULL
              AND may_read(p.sharing_level, pilot_owners(p.id, p.lead_authority), $1::text, $2::text, $3::uuid[])
        ),
        visible_evaluations AS (
            SELECT r.* FROM evaluations r
            WHERE r.deleted_at IS NULL AND may_read_pilot_record(r.pilot_id, r.sharing_level, $1::text, $2::text, $3::uuid[])
        )

        """

    private static func childRecords(_ table: String) -> String {
        """
        FROM \(table) r
        WHERE r.deleted_at IS NULL AND may_read_pilot_record(r.pilot_id, r.sharing_level, $1::text, $2::text, $3::uuid[])
        ORDER BY r.seq
        """
    }

    private static let bookkeeping = ["r.version", "r.is_demo", "r.created_at", "r.updated_at"]

    private static func definition(_ table: Table) -> (columns: [String], source: String) {
        switch table {
        case .providers:
            (["r.id", "r.name", "r.website", "r.description", "r.companies_house_number"] + bookkeeping,
             "FROM providers r WHERE r.deleted_at IS NULL ORDER BY r.seq")
        case .tools:
            (["r.id", "r.name", "r.provider_id", "r.kind", "r.technology", "r.description", "r.website"] + bookkeeping,
             "FROM tools r WHERE r.deleted_at IS NULL ORDER BY r.seq")
        case .networks:
            (["r.id", "r.slug", "r.name", "r.kind", "r.region_code", "r.description"] + bookkeeping,
             "FROM networks r WHERE r.deleted_at IS NULL ORDER BY r.seq")
        case .networkMembers:
            (["m.network_id", "m.authority_code", "a.dfe_code AS authority_dfe_code"],
             """
             FROM network_members m JOIN networks n ON n.id = m.network_id AND n.deleted_at IS NULL
             JOIN authorities a ON a.code = m.authority_code ORDER BY n.seq, m.authority_code
             """)
        case .pilots:
            (["r.id", "r.title", "r.tool_id", "r.lead_authority", "a.dfe_code AS lead_authority_dfe_code", "r.origin",
              "r.service_areas", "r.sharing_level", "r.description", "r.phase", "r.phase_since"] + bookkeeping,
             "FROM visible_pilots r JOIN authorities a ON a.code = r.lead_authority ORDER BY r.seq")
        case .pilotParticipants:
            (["pp.pilot_id", "pp.authority_code", "a.dfe_code AS authority_dfe_code"],
             """
             FROM pilot_participants pp JOIN visible_pilots p ON p.id = pp.pilot_id
             JOIN authorities a ON a.code = pp.authority_code ORDER BY p.seq, pp.authority_code
             """)
        case .phaseChanges:
            (["c.id", "c.pilot_id", "c.phase", "c.effective_on", "c.reasons", "c.note", "c.is_demo", "c.recorded_at"],
             "FROM phase_changes c JOIN visible_pilots p ON p.id = c.pilot_id ORDER BY c.seq")
        case .resourcingLines:
            (["r.id", "r.pilot_id", "r.authority_code", "r.stage", "r.fte", "r.amount_gbp::text AS amount_gbp", "r.funding_source",
              "r.period_start", "r.period_end", "r.note", "r.sharing_level"] + bookkeeping,
             childRecords("resourcing_lines"))
        case .assessments:
            (["r.id", "r.pilot_id", "r.kind", "r.status", "r.completed_on", "r.principles", "r.safeguards", "r.risks", "r.summary",
              "r.link", "r.sharing_level"] + bookkeeping,
             childRecords("assessments"))
        case .evaluations:
            (["r.id", "r.pilot_id", "r.authority_code", "r.evaluator", "r.design", "r.status", "r.outcome", "r.findings",
              "r.report_url", "r.started_on", "r.completed_on", "r.sharing_level"] + bookkeeping,
             childRecords("evaluations"))
        case .evaluationMeasures:
            (["m.evaluation_id", "m.position", "m.name", "m.unit", "m.baseline::text AS baseline", "m.value::text AS value", "m.note"],
             "FROM evaluation_measures m JOIN visible_evaluations e ON e.id = m.evaluation_id ORDER BY e.seq, m.position")
        case .insights:
            (["r.id", "r.pilot_id", "r.kind", "r.scope", "r.text", "r.sharing_level"] + bookkeeping, childRecords("insights"))
        case .singleViews:
            (["r.id", "r.authority_code", "r.name", "r.status", "r.data_sources", "r.data_model_url", "r.description",
              "r.sharing_level"] + bookkeeping,
             """
             FROM single_views r WHERE r.deleted_at IS NULL
               AND may_read(r.sharing_level, ARRAY[r.authority_code], $1::text, $2::text, $3::uuid[]) ORDER BY r.seq
             """)
        case .contacts:
            (["r.id", "r.authority_code", "r.name", "r.email", "r.role", "r.consent_to_contact"] + bookkeeping,
             """
             FROM contacts r WHERE r.deleted_at IS NULL
               AND may_read('private', ARRAY[r.authority_code], $1::text, $2::text, $3::uuid[]) ORDER BY r.seq
             """)
        case .recordHistory:
            (["e.resource_type", "e.resource_id", "e.action", "e.occurred_at"],
             """
             FROM audit_events e
             WHERE e.resource_type IN ('provider', 'tool', 'network')
                OR e.resource_id IN (SELECT id FROM visible_pilots)
                OR (e.resource_type IN ('resourcing_line', 'assessment', 'evaluation', 'insight')
                    AND e.pilot_id IN (SELECT id FROM visible_pilots)
                    AND EXISTS (SELECT 1 FROM resourcing_lines r WHERE r.id = e.resource_id AND r.deleted_at IS NULL
                                  AND may_read_pilot_record(r.pilot_id, r.sharing_level, $1::text, $2::text, $3::uuid[])
                                UNION ALL SELECT 1 FROM assessments r WHERE r.id = e.resource_id AND r.deleted_at IS NULL
                                  AND may_read_pilot_record(r.pilot_id, r.sharing_level, $1::text, $2::text, $3::uuid[])
                                UNION ALL SELECT 1 FROM visible_evaluations r WHERE r.id = e.resource_id
                                UNION ALL SELECT 1 FROM insights r WHERE r.id = e.resource_id AND r.deleted_at IS NULL
                                  AND may_read_pilot_record(r.pilot_id, r.sharing_level, $1::text, $2::text, $3::uuid[])))
                OR (e.resource_type = 'single_view' AND EXISTS (
                    SELECT 1 FROM single_views r WHERE r.id = e.resource_id AND r.deleted_at IS NULL
                      AND may_read(r.sharing_level, ARRAY[r.authority_code], $1::text, $2::text, $3::uuid[])))
                OR (e.resource_type = 'contact' AND EXISTS (
                    SELECT 1 FROM contacts r WHERE r.id = e.resource_id AND r.deleted_at IS NULL
                      AND may_read('private', ARRAY[r.authority_code], $1::text, $2::text, $3::uuid[])))
             ORDER BY e.id
             """)
        }
    }
}
