import Logging
import PostgresNIO

/// The demonstration data's own queries. Multiplies the data set for benchmarks: `factor - 1` further copies of every
/// demo pilot with its participants, phase history, resourcing, assessments, evaluations and
/// insights, each copy moved to other authorities (so every authority and region fills up),
/// with an audit entry for every record made. Set-based SQL in one transaction: minutes, not
/// hours, at scale 100. Copies get ids derived from the original's, so a scaled set is repeatable.
struct DemoStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// Whether `csc-registry demo` has loaded the data set into this database.
    func isLoaded() async throws -> Bool {
        try await client.queryJoiningAmbient("SELECT EXISTS (SELECT 1 FROM providers WHERE is_demo) AS loaded", logger: logger)
            .first { try $0.get("loaded", as: Bool.self) } ?? false
    }

    /// What taking the demonstration data out removed, by table, and what it had to keep.
    struct Removal: Sendable, Equatable {
        var removed: [String: Int] = [:]
        /// Demonstration records kept because real records hang off them (a real resourcing
        /// line on a demo pilot, a real pilot of a demo tool, a person in a demo network).
        var kept: [String: Int] = [:]
    }

    /// Deletes every demonstration record no real record depends on, in one transaction, with
    /// one audit entry saying what went. Real records are never touched.
    func remove(by caller: Caller) async throws -> Removal {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            try await connection.query("SELECT note_registry_change()", logger: logger)
            var removal = Removal()
            for statement in SQLScript.statements(in: Self.removal) {
                let rows = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                for (table, count, kept) in try rows.decode((String, Int, Bool).self) {
                    if kept { removal.kept[table] = count } else { removal.removed[table] = count }
                }
            }
            var detail = removal.removed.mapValues(String.init)
            for (table, count) in removal.kept { detail["kept_\(table)"] = String(count) }
            try await AuditLog.record(.removeDemo, detail: detail, caller: caller, on: connection, logger: logger)
            return removal
        }
    }

    /// Each statement returns (table, count, kept) rows. Pilots go only with all their records
    /// demo; tools only when no pilot is left using them, providers when no tool; networks only
    /// when no person belongs to them. Demonstration people are suspended and leave their
    /// networks, never deleted: the audit trail names them.
    private static let removal = """
        CREATE TEMP TABLE demo_pilots ON COMMIT DROP AS
            SELECT p.id FROM pilots p WHERE p.is_demo
              AND NOT EXISTS (SELECT 1 FROM phase_changes x WHERE x.pilot_id = p.id AND NOT x.is_demo)
              AND NOT EXISTS (SELECT 1 FROM resourcing_lines x WHERE x.pilot_id = p.id AND NOT x.is_demo)
              AND NOT EXISTS (SELECT 1 FROM assessments x WHERE x.pilot_id = p.id AND NOT x.is_demo)
              AND NOT EXISTS (SELECT 1 FROM evaluations x WHERE x.pilot_id = p.id AND NOT x.is_demo)
              AND NOT EXISTS (SELECT 1 FROM insights x WHERE x.pilot_id = p.id AND NOT x.is_demo);
        WITH gone AS (DELETE FROM evaluation_measures WHERE evaluation_id IN (
                SELECT id FROM evaluations WHERE is_demo AND pilot_id IN (SELECT id FROM demo_pilots)) RETURNING 1)
            SELECT 'evaluation_measures', count(*)::int, false FROM gone;
        WITH gone AS (DELETE FROM evaluations WHERE is_demo AND pilot_id IN (SELECT id FROM demo_pilots) RETURNING 1)
            SELECT 'evaluations', count(*)::int, false FROM gone;
        WITH gone AS (DELETE FROM assessments WHERE is_demo AND pilot_id IN (SELECT id FROM demo_pilots) RETURNING 1)
            SELECT 'assessments', count(*)::int, false FROM gone;
        WITH gone AS (DELETE FROM insights WHERE is_demo AND pilot_id IN (SELECT id FROM demo_pilots) RETURNING 1)
            SELECT 'insights', count(*)::int, false FROM gone;
        WITH gone AS (DELETE FROM resourcing_lines WHERE is_demo AND pilot_id IN (SELECT id FROM demo_pilots) RETURNING 1)
            SELECT 'resourcing_lines', count(*)::int, false FROM gone;
        WITH gone AS (DELETE FROM phase_changes WHERE is_demo AND pilot_id IN (SELECT id FROM demo_pilots) RETURNING 1)
            SELECT 'phase_changes', count(*)::int, false FROM gone;
        DELETE FROM pilot_participants WHERE pilot_id IN (SELECT id FROM demo_pilots);
        WITH gone AS (DELETE FROM pilots WHERE id IN (SELECT id FROM demo_pilots) RETURNING 1)
            SELECT 'pilots', count(*)::int, false FROM gone;
        WITH gone AS (DELETE FROM single_views WHERE is_demo RETURNING 1) SELECT 'single_views', count(*)::int, false FROM gone;
        WITH gone AS (DELETE FROM contacts WHERE is_demo RETURNING 1) SELECT 'contacts', count(*)::int, false FROM gone;
        WITH gone AS (DELETE FROM tools t WHERE t.is_demo AND NOT EXISTS (SELECT 1 FROM pilots p WHERE p.tool_id = t.id) RETURNING 1)
            SELECT 'tools', count(*)::int, false FROM gone;
        WITH gone AS (DELETE FROM providers v WHERE v.is_demo AND NOT EXISTS (SELECT 1 FROM tools t WHERE t.provider_id = v.id) RETURNING 1)
            SELECT 'providers', count(*)::int, false FROM gone;
        UPDATE sessions SET ended_at = now()
            WHERE ended_at IS NULL AND user_id IN (SELECT id FROM users WHERE is_demo);
        DELETE FROM user_networks WHERE user_id IN (SELECT id FROM users WHERE is_demo);
        WITH gone AS (UPDATE users SET state = 'suspended', updated_at = now() WHERE is_demo AND state <> 'suspended' RETURNING 1)
            SELECT 'people suspended', count(*)::int, false FROM gone;
        CREATE TEMP TABLE demo_networks ON COMMIT DROP AS
            SELECT n.id FROM networks n WHERE n.is_demo AND NOT EXISTS (SELECT 1 FROM user_networks u WHERE u.network_id = n.id);
        DELETE FROM network_members WHERE network_id IN (SELECT id FROM demo_networks);
        WITH gone AS (DELETE FROM networks WHERE id IN (SELECT id FROM demo_networks) RETURNING 1)
            SELECT 'networks', count(*)::int, false FROM gone;
        SELECT * FROM (
            SELECT 'pilots', count(*)::int, true FROM pilots WHERE is_demo
            UNION ALL SELECT 'tools', count(*)::int, true FROM tools WHERE is_demo
            UNION ALL SELECT 'providers', count(*)::int, true FROM providers WHERE is_demo
            UNION ALL SELECT 'networks', count(*)::int, true FROM networks WHERE is_demo) kept (kind, n, k)
        WHERE n > 0;
        """

    /// Adds the copies; returns how many pilots the data set then holds.
    func scale(to factor: Int) async throws -> Int {
        let pilots = try await client.transactionJoiningAmbient(logger: logger) { connection in
            let copied = try await connection.query(
                "SELECT count(*) AS n FROM pilots WHERE is_demo AND title LIKE '% (copy %)'", logger: logger
            ).first { try $0.get("n", as: Int.self) } ?? 0
            if copied > 0 { throw ConfigurationError("The demonstration data is already scaled; start from a fresh database.") }
            // Counted as one change up front, so a million new rows queue no trigger events.
            try await connection.query("SELECT note_registry_change()", logger: logger)
            for statement in SQLScript.statements(in: Self.script) {
                var binds = PostgresBindings()
                if statement.contains("$1") { binds.append(factor) }
                try await connection.query(PostgresQuery(unsafeSQL: statement, binds: binds), logger: logger)
            }
            return try await connection.query("SELECT count(*) AS n FROM pilots WHERE is_demo", logger: logger)
                .first { try $0.get("n", as: Int.self) } ?? 0
        }
        // The copies are counted into the kept statistics now, not by their first reader.
        try await client.queryJoiningAmbient(KeptStatistics.fold, logger: logger)
        return pilots
    }

    /// Copy k of a record gets the id md5(original id || '/' || k); authorities move k × 37 places
    /// along the list of authorities, so a copy's lead and participants stay distinct.
    private static let script = """
        CREATE TEMP TABLE scale_copies ON COMMIT DROP AS SELECT k FROM generate_series(2, $1::int) AS k;
        CREATE TEMP TABLE scale_places ON COMMIT DROP AS
            SELECT code, (row_number() OVER (ORDER BY code) - 1)::int AS n, count(*) OVER ()::int AS total FROM authorities;
        CREATE TEMP TABLE scale_moves ON COMMIT DROP AS
            SELECT c.k, a.code AS original, b.code AS moved
            FROM scale_copies c CROSS JOIN scale_places a JOIN scale_places b ON b.n = (a.n + c.k * 37) % a.total;
        CREATE TEMP TABLE scale_pilots ON COMMIT DROP AS
            SELECT p.id AS original, c.k, md5(p.id::text || '/' || c.k)::uuid AS id
            FROM pilots p CROSS JOIN scale_copies c WHERE p.is_demo AND p.deleted_at IS NULL;
        INSERT INTO pilots (id, title, tool_id, lead_authority, origin, service_areas, sharing_level, description,
                            phase, phase_since, version, is_demo, created_at, updated_at)
            SELECT s.id, p.title || ' (copy ' || s.k || ')', p.tool_id, m.moved, p.origin, p.service_areas, p.sharing_level,
                   p.description, p.phase, p.phase_since, p.version, true, p.created_at, p.updated_at
            FROM scale_pilots s JOIN pilots p ON p.id = s.original
            JOIN scale_moves m ON m.k = s.k AND m.original = p.lead_authority
            ORDER BY s.k, p.seq;
        INSERT INTO pilot_participants (pilot_id, authority_code)
            SELECT s.id, m.moved FROM scale_pilots s JOIN pilot_participants pp ON pp.pilot_id = s.original
            JOIN scale_moves m ON m.k = s.k AND m.original = pp.authority_code;
        INSERT INTO phase_changes (id, pilot_id, phase, effective_on, reasons, note, is_demo, recorded_at)
            SELECT md5(pc.id::text || '/' || s.k)::uuid, s.id, pc.phase, pc.effective_on, pc.reasons, pc.note, true, pc.recorded_at
            FROM scale_pilots s JOIN phase_changes pc ON pc.pilot_id = s.original ORDER BY s.k, pc.seq;
        INSERT INTO resourcing_lines (id, pilot_id, authority_code, stage, fte, amount_gbp, funding_source, period_start,
                                      period_end, note, sharing_level, is_demo, created_at, updated_at)
            SELECT md5(r.id::text || '/' || s.k)::uuid, s.id, m.moved, r.stage, r.fte, r.amount_gbp, r.funding_source,
                   r.period_start, r.period_end, r.note, r.sharing_level, true, r.created_at, r.updated_at
            FROM scale_pilots s JOIN resourcing_lines r ON r.pilot_id = s.original AND r.deleted_at IS NULL
            JOIN scale_moves m ON m.k = s.k AND m.original = r.authority_code ORDER BY s.k, r.seq;
        INSERT INTO assessments (id, pilot_id, kind, status, completed_on, principles, safeguards, risks, summary, link,
                                 sharing_level, is_demo, created_at, updated_at)
            SELECT md5(a.id::text || '/' || s.k)::uuid, s.id, a.kind, a.status, a.completed_on, a.principles, a.safeguards,
                   a.risks, a.summary, a.link, a.sharing_level, true, a.created_at, a.updated_at
            FROM scale_pilots s JOIN assessments a ON a.pilot_id = s.original AND a.deleted_at IS NULL ORDER BY s.k, a.seq;
        INSERT INTO evaluations (id, pilot_id, authority_code, evaluator, design, status, outcome, findings, report_url,
                                 started_on, completed_on, sharing_level, is_demo, created_at, updated_at)
            SELECT md5(e.id::text || '/' || s.k)::uuid, s.id, m.moved, e.evaluator, e.design, e.status, e.outcome, e.findings,
                   e.report_url, e.started_on, e.completed_on, e.sharing_level, true, e.created_at, e.updated_at
            FROM scale_pilots s JOIN evaluations e ON e.pilot_id = s.original AND e.deleted_at IS NULL
            JOIN scale_moves m ON m.k = s.k AND m.original = e.authority_code ORDER BY s.k, e.seq;
        INSERT INTO evaluation_measures (evaluation_id, position, name, unit, baseline, value, note)
            SELECT md5(em.evaluation_id::text || '/' || s.k)::uuid, em.position, em.name, em.unit, em.baseline, em.value, em.note
            FROM scale_pilots s JOIN evaluations e ON e.pilot_id = s.original AND e.deleted_at IS NULL
            JOIN evaluation_measures em ON em.evaluation_id = e.id;
        INSERT INTO insights (id, pilot_id, kind, scope, text, sharing_level, is_demo, created_at, updated_at)
            SELECT md5(i.id::text || '/' || s.k)::uuid, s.id, i.kind, i.scope, i.text, i.sharing_level, true, i.created_at, i.updated_at
            FROM scale_pilots s JOIN insights i ON i.pilot_id = s.original AND i.deleted_at IS NULL ORDER BY s.k, i.seq;
        INSERT INTO audit_events (occurred_at, actor_name, actor_role, action, resource_type, resource_id, pilot_id, after)
            SELECT p.created_at, 'demonstration data loader', 'admin', 'create', 'pilot', p.id, p.id, to_jsonb(p)
            FROM scale_pilots s JOIN pilots p ON p.id = s.id
            UNION ALL
            SELECT pc.recorded_at, 'demonstration data loader', 'admin', 'phase_change', 'pilot', s.id, s.id, to_jsonb(pc)
            FROM scale_pilots s JOIN phase_changes pc ON pc.pilot_id = s.id
            UNION ALL
            SELECT r.created_at, 'demonstration data loader', 'admin', 'create', 'resourcing_line', r.id, s.id, to_jsonb(r)
            FROM scale_pilots s JOIN resourcing_lines r ON r.pilot_id = s.id
            UNION ALL
            SELECT a.created_at, 'demonstration data loader', 'admin', 'create', 'assessment', a.id, s.id, to_jsonb(a)
            FROM scale_pilots s JOIN assessments a ON a.pilot_id = s.id
            UNION ALL
            SELECT e.created_at, 'demonstration data loader', 'admin', 'create', 'evaluation', e.id, s.id, to_jsonb(e)
            FROM scale_pilots s JOIN evaluations e ON e.pilot_id = s.id
            UNION ALL
            SELECT i.created_at, 'demonstration data loader', 'admin', 'create', 'insight', i.id, s.id, to_jsonb(i)
            FROM scale_pilots s JOIN insights i ON i.pilot_id = s.id;
        ANALYZE
        """
}
