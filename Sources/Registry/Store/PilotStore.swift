import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// Pilots with their participants and dated phase history.
struct PilotStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    struct Filter: Sendable {
        /// Current GSS code; matches the lead and every participant.
        var authority: String?
        var region: String?
        var networkID: UUID?
        var toolID: UUID?
        var kind: String?
        var phase: String?
        var providerID: UUID?
        var origin: String?
        var updatedSince: Date?
    }

    private static let select = """
        SELECT p.id, p.seq, p.version, p.title, p.tool_id, t.name AS tool_name, t.kind, t.technology, t.provider_id,
               p.lead_authority,
               ARRAY(SELECT pp.authority_code FROM pilot_participants pp WHERE pp.pilot_id = p.id
                     ORDER BY pp.authority_code) AS participants,
               p.origin, p.service_areas, p.sharing_level, p.description, p.phase,
               p.phase_since::text AS phase_since, p.is_demo, p.created_at, p.updated_at
        FROM pilots p JOIN tools t ON t.id = p.tool_id
        """

    func list(_ filter: Filter, page: PageRequest, viewer: Caller) async throws -> Page<Pilot> {
        let query = PageOfPilots(filter: filter, page: page, viewer: viewer)
        return Page(rows: try await client.executeJoiningAmbient(prepared: query, logger: logger), limit: page.limit)
    }

    /// The same page as `list`, each pilot already written as its JSON object (`Pilot` in
    /// openapi.yaml) by PostgreSQL: encoding the generated types was most of a page's cost.
    func listJSON(_ filter: Filter, page: PageRequest, viewer: Caller) async throws -> Page<String> {
        let query = PageOfPilotsJSON(filter: filter, page: page, viewer: viewer)
        return Page(rows: try await client.executeJoiningAmbient(prepared: query, logger: logger), limit: page.limit)
    }

    /// A page of pilots. Prepared, so a page afresh is neither parsed nor planned again.
    struct PageOfPilots: PostgresPreparedStatement {
        static let sql = PilotStore.select + "\n" + PilotStore.pageConditions
        var filter: Filter, page: PageRequest, viewer: Caller

        func makeBindings() -> PostgresBindings { PilotStore.pageBindings(filter, page, viewer) }

        func decodeRow(_ row: PostgresRow) throws -> (seq: Int64, item: Pilot) {
            let row = row.makeRandomAccess()
            return (try row.get("seq", as: Int64.self), try PilotStore.pilot(row))
        }
    }

    struct PageOfPilotsJSON: PostgresPreparedStatement {
        static let sql = PilotStore.selectJSON + "\n" + PilotStore.pageConditions
        var filter: Filter, page: PageRequest, viewer: Caller

        func makeBindings() -> PostgresBindings { PilotStore.pageBindings(filter, page, viewer) }

        func decodeRow(_ row: PostgresRow) throws -> (seq: Int64, item: String) {
            let (seq, json) = try row.decode((Int64, String).self)
            return (seq, json)
        }
    }

    /// A page's conditions: $1 the last seq before it, $2 how many rows to fetch, $3–$5 the
    /// viewer, $6–$14 the filter, each ignored when null.
    private static let pageConditions = """
        WHERE p.deleted_at IS NULL AND p.seq > $1
          AND may_read(p.sharing_level, pilot_owners(p.id, p.lead_authority), $3, $4, $5)
          AND ($6::text IS NULL OR p.lead_authority = $6 OR EXISTS (
                SELECT 1 FROM pilot_participants pp
                WHERE pp.pilot_id = p.id AND pp.authority_code = $6))
          AND ($7::text IS NULL OR EXISTS (
                SELECT 1 FROM authorities a
                WHERE a.region_code = $7 AND (a.code = p.lead_authority OR a.code IN (
                    SELECT pp.authority_code FROM pilot_participants pp WHERE pp.pilot_id = p.id))))
          AND ($8::uuid IS NULL OR EXISTS (
                SELECT 1 FROM network_members m
                WHERE m.network_id = $8 AND (m.authority_code = p.lead_authority
                    OR m.authority_code IN (
                        SELECT pp.authority_code FROM pilot_participants pp WHERE pp.pilot_id = p.id))))
          AND ($9::uuid IS NULL OR p.tool_id = $9)
          AND ($10::text IS NULL OR t.kind = $10)
          AND ($11::text IS NULL OR p.phase = $11)
          AND ($12::uuid IS NULL OR t.provider_id = $12)
          AND ($13::text IS NULL OR p.origin = $13)
          AND ($14::timestamptz IS NULL OR p.updated_at >= $14)
        ORDER BY p.seq LIMIT $2
        """

    private static func pageBindings(_ filter: Filter, _ page: PageRequest, _ viewer: Caller) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(page.afterSeq)
        bindings.append(page.limit + 1)
        bindings.append(viewer: viewer)
        bindings.append(filter.authority)
        bindings.append(filter.region)
        bindings.append(filter.networkID)
        bindings.append(filter.toolID)
        bindings.append(filter.kind)
        bindings.append(filter.phase)
        bindings.append(filter.providerID)
        bindings.append(filter.origin)
        bindings.append(filter.updatedSince)
        return bindings
    }

    /// `select`'s columns as one JSON object, with the keys, absent optionals and timestamps
    /// (UTC, whole seconds, rounded to the millisecond first) that the generated encoding gives.
    /// Joined as text: half the cost of `json_build_object` and `json_strip_nulls`, which
    /// parses the object again to drop the nulls.
    fileprivate static let selectJSON = """
        SELECT p.seq, concat(
            '{"id":', to_json(p.id), ',"version":', p.version, ',"title":', to_json(p.title),
            ',"tool_id":', to_json(p.tool_id), ',"tool_name":', to_json(t.name), ',"kind":', to_json(t.kind),
            ',"technology":', to_json(t.technology),
            CASE WHEN t.provider_id IS NOT NULL THEN ',"provider_id":' || to_json(t.provider_id) END,
            ',"lead_authority":', to_json(p.lead_authority),
            ',"participants":', to_json(ARRAY(SELECT pp.authority_code FROM pilot_participants pp WHERE pp.pilot_id = p.id
                                              ORDER BY pp.authority_code)),
            ',"origin":', to_json(p.origin), ',"service_areas":', to_json(p.service_areas),
            ',"sharing_level":', to_json(p.sharing_level),
            CASE WHEN p.description IS NOT NULL THEN ',"description":' || to_json(p.description) END,
            ',"phase":', to_json(p.phase), ',"phase_since":', to_json(p.phase_since), ',"is_demo":', to_json(p.is_demo),
            ',"created_at":', to_json(\(timestamp("p.created_at"))), ',"updated_at":', to_json(\(timestamp("p.updated_at"))),
            '}') AS json
        FROM pilots p JOIN tools t ON t.id = p.tool_id
        """

    private static func timestamp(_ column: String) -> String {
        #"to_char(date_trunc('second', \#(column) + interval '500 microseconds') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"#
    }

    func get(_ id: UUID, viewer: Caller) async throws -> Pilot {
        guard let pilot = try await client.executeJoiningAmbient(prepared: PilotByID(id: id, viewer: viewer), logger: logger).first
        else { throw RegistryError.notFound(resource: "pilot", id: id.lowercased) }
        return pilot
    }

    /// One pilot, as its reader may see it. Prepared, since every create and change reads its
    /// pilot back and the query is costly to plan.
    struct PilotByID: PostgresPreparedStatement {
        static let sql = PilotStore.select + """

            WHERE p.id = $1 AND p.deleted_at IS NULL
              AND may_read(p.sharing_level, pilot_owners(p.id, p.lead_authority), $2, $3, $4)
            """

        var id: UUID
        var viewer: Caller

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(id)
            bindings.append(viewer: viewer)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Pilot { try PilotStore.pilot(row.makeRandomAccess()) }
    }

    /// Creates the pilot and the first entry of its phase history in one transaction.
    func create(_ input: PilotInput, toolID: UUID, context: WriteContext) async throws -> Pilot {
        let id = try await client.transactionJoiningAmbient(logger: logger) { connection in
            let (today, toolIsLive) = try await connection.execute(Today(checkingTool: toolID), logger: logger)[0]
            // Without an initial phase a pilot starts as planned, today. Dates were checked by the caller.
            let initial = input.initialPhase ?? PhaseChangeInput(phase: .planned, effectiveOn: today.description)
            let effectiveOn = CalendarDate(initial.effectiveOn)!
            var validator = InputValidator()
            PhaseRules.validate(
                phase: initial.phase.rawValue, effectiveOn: effectiveOn, reasons: (initial.reasons ?? []).map(\.rawValue),
                current: nil, today: today, into: &validator)
            try validator.checkNested(under: "initial_phase")
            let (lead, participants) = try await Self.resolveAuthorities(input, on: connection, logger: logger)
            try Permissions.requireEditor(of: lead, context.caller)
            if !toolIsLive { throw Self.unknownTool }
            let insert = InsertPilot(
                input: input, toolID: toolID, lead: lead, initial: initial, effectiveOn: effectiveOn, isDemo: context.isDemo)
            let id = try await connection.execute(insert, logger: logger)[0]
            try await Self.addParticipants(participants, to: id, on: connection, logger: logger)
            try await AuditLog.record(.create, .pilot, id: id, pilot: id, before: nil, context: context, on: connection, logger: logger)
            return id
        }
        return try await get(id, viewer: context.caller)
    }

    func update(_ id: UUID, _ input: PilotInput, toolID: UUID, context: WriteContext) async throws -> Pilot {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let current = try await Self.lock(id, viewer: context.caller, on: connection, logger: logger)
            try Permissions.requireEditor(of: current.lead, context.caller)
            let (lead, participants) = try await Self.resolveAuthorities(input, on: connection, logger: logger)
            try Permissions.requireEditor(of: lead, context.caller)
            try await Self.requireTool(toolID, on: connection, logger: logger)
            try RecordOwnership.requireVersion(context.expectedVersion, matches: current.version)
            let before = try await AuditLog.document(.pilot, id, on: connection, logger: logger)
            let updated = try await connection.query(
                """
                UPDATE pilots SET title = \(input.title), tool_id = \(toolID), lead_authority = \(lead),
                    origin = \(input.origin.rawValue), service_areas = \((input.serviceAreas ?? []).map(\.rawValue)),
                    sharing_level = \(input.sharingLevel.rawValue), description = \(input.description),
                    version = version + 1, updated_at = now()
                WHERE id = \(id) AND deleted_at IS NULL RETURNING id
                """, logger: logger
            ).first { _ in true }
            if updated == nil { throw RegistryError.notFound(resource: "pilot", id: id.lowercased) }
            try await Self.replaceParticipants(of: id, with: participants, on: connection, logger: logger)
            try await AuditLog.record(.update, .pilot, id: id, pilot: id, before: before, context: context, on: connection, logger: logger)
        }
        return try await get(id, viewer: context.caller)
    }

    /// Soft delete: the pilot and its records vanish from reads but stay in the database.
    func delete(_ id: UUID, context: WriteContext) async throws {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let current = try await Self.lock(id, viewer: context.caller, on: connection, logger: logger)
            try Permissions.requireEditor(of: current.lead, context.caller)
            try RecordOwnership.requireVersion(context.expectedVersion, matches: current.version)
            let before = try await AuditLog.document(.pilot, id, on: connection, logger: logger)
            try await RecordOwnership.softDelete(id, in: "pilots", on: connection, logger: logger)
            try await AuditLog.record(.delete, .pilot, id: id, pilot: id, before: before, context: context, on: connection, logger: logger)
        }
    }

    // MARK: - Phase history

    func phaseChanges(of id: UUID, viewer: Caller) async throws -> [PhaseChange] {
        _ = try await get(id, viewer: viewer)
        return try await client.queryJoiningAmbient(
            """
            SELECT id, phase, effective_on::text AS effective_on, reasons, note, recorded_at
            FROM phase_changes WHERE pilot_id = \(id) ORDER BY effective_on, seq
            """, logger: logger
        ).all(Self.phaseChange)
    }

    // MARK: - Everything a reader may see, for the dashboards

    /// Every pilot `viewer` may read, in the order they were registered.
    func all(viewer: Caller) async throws -> [Pilot] {
        try await client.queryJoiningAmbient(
            """
            \(unescaped: Self.select)
            WHERE p.deleted_at IS NULL
              AND may_read(p.sharing_level, pilot_owners(p.id, p.lead_authority), \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks))
            ORDER BY p.seq
            """, logger: logger
        ).all(Self.pilot)
    }

    /// The phase history of every pilot `viewer` may read, by pilot id, in the order recorded.
    func allPhaseChanges(viewer: Caller) async throws -> [String: [PhaseChange]] {
        let rows = try await client.queryJoiningAmbient(
            """
            SELECT c.pilot_id, c.id, c.phase, c.effective_on::text AS effective_on, c.reasons, c.note, c.recorded_at
            FROM phase_changes c JOIN pilots p ON p.id = c.pilot_id
            WHERE p.deleted_at IS NULL
              AND may_read(p.sharing_level, pilot_owners(p.id, p.lead_authority), \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks))
            ORDER BY c.seq
            """, logger: logger
        ).all { (pilot: try $0.get("pilot_id", as: UUID.self).lowercased, change: try Self.phaseChange($0)) }
        return Dictionary(grouping: rows, by: \.pilot).mapValues { $0.map(\.change) }
    }

    /// Appends a change after locking the pilot, so two simultaneous changes are judged in turn.
    func changePhase(of id: UUID, _ input: PhaseChangeInput, context: WriteContext) async throws -> PhaseChange {
        try await client.transactionJoiningAmbient(logger: logger) { connection in
            let current = try await Self.lock(id, viewer: context.caller, on: connection, logger: logger)
            try Permissions.requireEditor(of: current.lead, context.caller)
            let effectiveOn = CalendarDate(input.effectiveOn)!
            var validator = InputValidator()
            PhaseRules.validate(
                phase: input.phase.rawValue, effectiveOn: effectiveOn, reasons: (input.reasons ?? []).map(\.rawValue),
                current: (current.phase, CalendarDate(current.since)!), today: current.today, into: &validator)
            try validator.check()
            try RecordOwnership.requireVersion(context.expectedVersion, matches: current.version)
            let before = try await AuditLog.document(.pilot, id, on: connection, logger: logger)
            let change = try await connection.execute(
                ChangePhase(pilot: id, input: input, effectiveOn: effectiveOn, isDemo: context.isDemo), logger: logger
            )[0]
            try await AuditLog.record(
                .phaseChange, .pilot, id: id, pilot: id, before: before, context: context, on: connection, logger: logger)
            return change
        }
    }

    // MARK: - Shared checks

    /// The live pilot's lead, phase and version, locked for the rest of the transaction so
    /// concurrent writes to it are judged one after the other; 404 when the caller may not even
    /// see it. Today (as `Today` has it) comes in the same round trip, for phase rules.
    private static func lock(_ id: UUID, viewer: Caller, on connection: DatabaseConnection, logger: Logger) async throws
        -> LockedPilot.Row
    {
        guard let current = try await connection.execute(LockedPilot(id: id, viewer: viewer), logger: logger).first
        else { throw RegistryError.notFound(resource: "pilot", id: id.lowercased) }
        return current
    }

    private static func resolveAuthorities(
        _ input: PilotInput, on connection: DatabaseConnection, logger: Logger
    ) async throws -> (lead: String, participants: [String]) {
        let codes = [input.leadAuthority] + (input.participants ?? [])
        let resolved = try await ReferenceStore.require(
            codes, field: { $0 == 0 ? "lead_authority" : "participants[\($0 - 1)]" }, on: connection, logger: logger)
        return (resolved[0], Array(resolved.dropFirst()).filter { $0 != resolved[0] })
    }

    private static func requireTool(_ id: UUID, on connection: DatabaseConnection, logger: Logger) async throws {
        let exists = try await connection.query(
            "SELECT 1 FROM tools WHERE id = \(id) AND deleted_at IS NULL", logger: logger
        ).first { _ in true }
        if exists == nil { throw unknownTool }
    }

    private static let unknownTool = RegistryError.invalid([.init(field: "tool_id", message: "is not a known tool")])

    private static func replaceParticipants(
        of id: UUID, with codes: [String], on connection: DatabaseConnection, logger: Logger
    ) async throws {
        try await connection.query("DELETE FROM pilot_participants WHERE pilot_id = \(id)", logger: logger)
        try await addParticipants(codes, to: id, on: connection, logger: logger)
    }

    private static func addParticipants(
        _ codes: [String], to id: UUID, on connection: DatabaseConnection, logger: Logger
    ) async throws {
        guard !codes.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO pilot_participants (pilot_id, authority_code)
            SELECT \(id), code FROM unnest(\(codes)::text[]) AS code ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    // MARK: - Statements every create or phase change runs
    // Prepared once per connection, since every write runs them. A date goes as text, the type
    // it has here.

    struct LockedPilot: PostgresPreparedStatement {
        static let sql = """
            SELECT lead_authority, phase::text, phase_since::text, version, (now() AT TIME ZONE 'UTC')::date::text
            FROM pilots
            WHERE id = $1 AND deleted_at IS NULL
              AND may_read(sharing_level, pilot_owners(id, lead_authority), $2, $3, $4)
            FOR UPDATE
            """

        struct Row: Sendable {
            var lead: String
            var phase: String
            var since: String
            var version: Int
            var today: CalendarDate
        }

        var id: UUID
        var viewer: Caller

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(id)
            bindings.append(viewer: viewer)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            let (lead, phase, since, version, today) = try row.decode((String, String, String, Int, String).self)
            return Row(lead: lead, phase: phase, since: since, version: version, today: CalendarDate(today)!)
        }
    }

    /// Today in UTC, by the database's clock, so every server agrees on what "the future" is;
    /// and whether the tool a new pilot names is live, asked in the same round trip.
    struct Today: PostgresPreparedStatement {
        static let sql = """
            SELECT (now() AT TIME ZONE 'UTC')::date::text, EXISTS (SELECT 1 FROM tools WHERE id = $1 AND deleted_at IS NULL)
            """

        var checkingTool: UUID

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(checkingTool)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> (today: CalendarDate, toolIsLive: Bool) {
            let (today, toolIsLive) = try row.decode((String, Bool).self)
            return (CalendarDate(today)!, toolIsLive)
        }
    }

    /// The pilot and the first entry of its phase history.
    struct InsertPilot: PostgresPreparedStatement {
        static let sql = """
            WITH pilot AS (
                INSERT INTO pilots (title, tool_id, lead_authority, origin, service_areas, sharing_level, description,
                                    phase, phase_since, is_demo)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::date, $12)
                RETURNING id
            ), first_phase AS (
                INSERT INTO phase_changes (pilot_id, phase, effective_on, reasons, note, is_demo)
                SELECT id, $8, $9::text::date, $10, $11, $12 FROM pilot
            )
            SELECT id FROM pilot
            """

        var input: PilotInput
        var toolID: UUID
        var lead: String
        var initial: PhaseChangeInput
        var effectiveOn: CalendarDate
        var isDemo: Bool

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(input.title)
            bindings.append(toolID)
            bindings.append(lead)
            bindings.append(input.origin.rawValue)
            bindings.append((input.serviceAreas ?? []).map(\.rawValue))
            bindings.append(input.sharingLevel.rawValue)
            bindings.append(input.description)
            bindings.append(initial.phase.rawValue)
            bindings.append(effectiveOn.description)
            bindings.append((initial.reasons ?? []).map(\.rawValue))
            bindings.append(initial.note)
            bindings.append(isDemo)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> UUID { try row.decode(UUID.self) }
    }

    /// A new entry in the pilot's phase history, and the pilot's current phase to match.
    struct ChangePhase: PostgresPreparedStatement {
        static let sql = """
            WITH change AS (
                INSERT INTO phase_changes (pilot_id, phase, effective_on, reasons, note, is_demo)
                VALUES ($1, $2, $3::text::date, $4, $5, $6)
                RETURNING id, phase, effective_on::text AS effective_on, reasons, note, recorded_at
            ), current_phase AS (
                UPDATE pilots SET phase = $2, phase_since = $3::text::date, version = version + 1, updated_at = now()
                WHERE id = $1
            )
            SELECT * FROM change
            """

        var pilot: UUID
        var input: PhaseChangeInput
        var effectiveOn: CalendarDate
        var isDemo: Bool

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(pilot)
            bindings.append(input.phase.rawValue)
            bindings.append(effectiveOn.description)
            bindings.append((input.reasons ?? []).map(\.rawValue))
            bindings.append(input.note)
            bindings.append(isDemo)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PhaseChange { try PilotStore.phaseChange(row.makeRandomAccess()) }
    }

    fileprivate static func pilot(_ row: PostgresRandomAccessRow) throws -> Pilot {
        Pilot(
            id: try row.get("id", as: UUID.self).lowercased,
            version: try row.get("version"),
            title: try row.get("title"),
            toolId: try row.get("tool_id", as: UUID.self).lowercased,
            toolName: try row.get("tool_name"),
            kind: try row.term("kind"),
            technology: try row.term("technology"),
            providerId: try row.get("provider_id", as: UUID?.self)?.lowercased,
            leadAuthority: try row.get("lead_authority"),
            participants: try row.get("participants"),
            origin: try row.term("origin"),
            serviceAreas: try row.terms("service_areas"),
            sharingLevel: try row.term("sharing_level"),
            description: try row.get("description"),
            phase: try row.term("phase"),
            phaseSince: try row.get("phase_since"),
            isDemo: try row.get("is_demo"),
            createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }

    fileprivate static func phaseChange(_ row: PostgresRandomAccessRow) throws -> PhaseChange {
        PhaseChange(
            id: try row.get("id", as: UUID.self).lowercased,
            phase: try row.term("phase"),
            effectiveOn: try row.get("effective_on"),
            reasons: try row.terms("reasons"),
            note: try row.get("note"),
            recordedAt: try row.get("recorded_at"))
    }
}
