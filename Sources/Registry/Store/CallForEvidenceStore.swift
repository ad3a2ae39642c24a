import Foundation
import Logging
import PostgresNIO

/// What the registry knows about authorities, gathered for their call-for-evidence answers:
/// every record the viewer may read, for one authority or for all.
struct CallForEvidenceStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    struct PilotFacts: Sendable {
        var id: UUID
        var title: String
        var description: String?
        var origin: String
        var phase: String
        var toolName: String
        var providerName: String?
        /// The reasons and note of the change that put the pilot in its current phase.
        var phaseReasons: [String]
        var phaseNote: String?
        var insights: [(kind: String, scope: String?, text: String)] = []
        var assessments: [Assessment] = []
        var evaluations: [(evaluator: String, status: String, findings: String?)] = []
        /// Stage → (FTE, £) this authority put in.
        var resourcing: [String: (fte: Decimal, amount: Decimal)] = [:]
    }

    struct Assessment: Sendable {
        var kind: String
        var status: String
        var completedOn: String?
        var summary: String?
        var principles: [String]
        var safeguards: [String]
    }

    struct AuthorityFacts: Sendable {
        var pilots: [PilotFacts] = []
        var singleView: (status: String, dataSources: [String], link: String?)?
        var respondent: (name: String, email: String, role: String?, consent: Bool)?
    }

    /// What `viewer` may read beside what the registry holds, by authority code, so answers can
    /// tell a record the reader may not see from one never made; `seen` is nil when the viewer
    /// reads everything held. An authority's own people do: they own every record of its
    /// pilots, its single view and its contact.
    func factsSeenAndHeld(
        authority: String?, viewer: Caller
    ) async throws -> (seen: [String: AuthorityFacts]?, held: [String: AuthorityFacts]) {
        let held = try await facts(authority: authority, viewer: Caller(userID: nil, name: "registry", role: .admin))
        return (Self.readsAll(authority: authority, viewer) ? nil : try await facts(authority: authority, viewer: viewer), held)
    }

    /// Whether `viewer` reads everything the registry holds about `authority` (nil: all of them).
    static func readsAll(authority: String?, _ viewer: Caller) -> Bool {
        viewer.role == .admin || (authority != nil && viewer.authority == authority)
    }

    /// Facts by authority code; `authority` nil gathers every authority with anything to say.
    func facts(authority: String?, viewer: Caller) async throws -> [String: AuthorityFacts] {
        var facts: [String: AuthorityFacts] = [:]
        var pilotOwners: [UUID: [String]] = [:]
        let pilots = try await client.queryJoiningAmbient(
            """
            SELECT owner.code AS authority_code, p.id, p.title, p.description, p.origin::text AS origin, p.phase::text AS phase,
                   t.name AS tool_name, pr.name AS provider_name,
                   COALESCE(latest.reasons, '{}') AS reasons, latest.note
            FROM pilots p
            JOIN tools t ON t.id = p.tool_id
            LEFT JOIN providers pr ON pr.id = t.provider_id
            CROSS JOIN LATERAL unnest(pilot_owners(p.id, p.lead_authority)) AS owner(code)
            LEFT JOIN LATERAL (
                SELECT pc.reasons::text[] AS reasons, pc.note FROM phase_changes pc
                WHERE pc.pilot_id = p.id
                ORDER BY pc.effective_on DESC, pc.seq DESC LIMIT 1) latest ON true
            WHERE p.deleted_at IS NULL
              AND (\(authority)::text IS NULL OR owner.code = \(authority))
              -- For one authority, only its pilots are read, by primary key: an array rather than
              -- IN, which beside the OR became a filter over every pilot (36 -> 4 ms at scale 100).
              AND (\(authority)::text IS NULL OR p.id = ANY(ARRAY(
                  SELECT id FROM pilots WHERE lead_authority = \(authority) AND deleted_at IS NULL
                  UNION SELECT pilot_id FROM pilot_participants WHERE authority_code = \(authority))))
              AND may_read(p.sharing_level, pilot_owners(p.id, p.lead_authority), \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks))
            ORDER BY owner.code, p.seq
            """, logger: logger)
        for row in pilots {
            let random = row.makeRandomAccess()
            let code = try random.get("authority_code", as: String.self)
            let pilot = PilotFacts(
                id: try random.get("id"), title: try random.get("title"), description: try random.get("description"),
                origin: try random.get("origin"), phase: try random.get("phase"), toolName: try random.get("tool_name"),
                providerName: try random.get("provider_name"),
                phaseReasons: try random.get("reasons"), phaseNote: try random.get("note"))
            facts[code, default: AuthorityFacts()].pilots.append(pilot)
            pilotOwners[pilot.id, default: []].append(code)
        }
        // Live pilots the viewer may read: an administrator reads every record of them, so the
        // record queries below skip the per-row check for one (four fifths of their cost at 170 pilots).
        let ids = Array(pilotOwners.keys)
        func attach(_ pilot: UUID, authority only: String? = nil, _ change: (inout PilotFacts) -> Void) {
            for code in pilotOwners[pilot] ?? [] where only == nil || only == code {
                if let index = facts[code]?.pilots.firstIndex(where: { $0.id == pilot }) { change(&facts[code]!.pilots[index]) }
            }
        }
        let insights = try await client.queryJoiningAmbient(
            """
            SELECT r.pilot_id, r.kind::text AS kind, r.scope::text AS scope, r.text FROM insights r
            WHERE r.deleted_at IS NULL AND r.pilot_id = ANY(\(ids))
              AND (\(viewer.role.rawValue) = 'admin' OR may_read_pilot_record(r.pilot_id, r.sharing_level, \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks)))
            ORDER BY r.seq
            """, logger: logger)
        for (pilot, kind, scope, text) in try insights.decode((UUID, String, String?, String).self) {
            attach(pilot) { $0.insights.append((kind, scope, text)) }
        }
        let assessments = try await client.queryJoiningAmbient(
            """
            SELECT r.pilot_id, r.kind::text AS kind, r.status::text AS status, r.completed_on::text AS completed_on,
                   r.summary, r.principles::text[] AS principles, r.safeguards::text[] AS safeguards
            FROM assessments r
            WHERE r.deleted_at IS NULL AND r.pilot_id = ANY(\(ids))
              AND (\(viewer.role.rawValue) = 'admin' OR may_read_pilot_record(r.pilot_id, r.sharing_level, \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks)))
            ORDER BY r.seq
            """, logger: logger)
        for (pilot, kind, status, completedOn, summary, principles, safeguards) in try assessments.decode(
            (UUID, String, String, String?, String?, [String], [String]).self)
        {
            let assessment = Assessment(
                kind: kind, status: status, completedOn: completedOn, summary: summary, principles: principles, safeguards: safeguards)
            attach(pilot) { $0.assessments.append(assessment) }
        }
        let evaluations = try await client.queryJoiningAmbient(
            """
            SELECT r.pilot_id, r.evaluator::text AS evaluator, r.status::text AS status, r.findings FROM evaluations r
            WHERE r.deleted_at IS NULL AND r.pilot_id = ANY(\(ids))
              AND (\(viewer.role.rawValue) = 'admin' OR may_read_pilot_record(r.pilot_id, r.sharing_level, \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks)))
            ORDER BY r.seq
            """, logger: logger)
        for (pilot, evaluator, status, findings) in try evaluations.decode((UUID, String, String, String?).self) {
            attach(pilot) { $0.evaluations.append((evaluator, status, findings)) }
        }
        let resourcing = try await client.queryJoiningAmbient(
            """
            SELECT r.pilot_id, r.authority_code, r.stage::text AS stage,
                   COALESCE(sum(r.fte), 0)::text AS fte, COALESCE(sum(r.amount_gbp), 0)::text AS amount
            FROM resourcing_lines r
            WHERE r.deleted_at IS NULL AND r.pilot_id = ANY(\(ids))
              AND (\(viewer.role.rawValue) = 'admin' OR may_read_pilot_record(r.pilot_id, r.sharing_level, \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks)))
            GROUP BY r.pilot_id, r.authority_code, r.stage
            """, logger: logger)
        for (pilot, code, stage, fte, amount) in try resourcing.decode((UUID, String, String, String, String).self) {
            attach(pilot, authority: code) { $0.resourcing[stage] = (Decimal(string: fte) ?? 0, Decimal(string: amount) ?? 0) }
        }
        let views = try await client.queryJoiningAmbient(
            """
            SELECT DISTINCT ON (s.authority_code) s.authority_code, s.status::text AS status,
                   s.data_sources::text[] AS data_sources, s.data_model_url
            FROM single_views s
            WHERE s.deleted_at IS NULL AND (\(authority)::text IS NULL OR s.authority_code = \(authority))
              AND may_read(s.sharing_level, ARRAY[s.authority_code], \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks))
            ORDER BY s.authority_code, s.updated_at DESC
            """, logger: logger)
        for (code, status, sources, link) in try views.decode((String, String, [String], String?).self) {
            facts[code, default: AuthorityFacts()].singleView = (status, sources, link)
        }
        // Contacts are personal data: only the authority's own editors and administrators see them.
        let contacts = try await client.queryJoiningAmbient(
            """
            SELECT DISTINCT ON (c.authority_code) c.authority_code, c.name, c.email, c.role, c.consent_to_contact
            FROM contacts c
            WHERE c.deleted_at IS NULL AND (\(authority)::text IS NULL OR c.authority_code = \(authority))
              AND may_read('private', ARRAY[c.authority_code], \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks))
            ORDER BY c.authority_code, c.updated_at DESC
            """, logger: logger)
        for (code, name, email, role, consent) in try contacts.decode((String, String, String, String?, Bool).self) {
            facts[code, default: AuthorityFacts()].respondent = (name, email, role, consent)
        }
        return facts
    }
}
