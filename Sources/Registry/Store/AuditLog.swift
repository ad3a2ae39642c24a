import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// Writes the audit trail. Every store write calls it inside its own transaction, so an entry
/// exists exactly when the write committed, and a refused write leaves none.
enum AuditLog {
    enum Action: String, Sendable {
        case create, update, delete
        case phaseChange = "phase_change"
    }

    /// The kinds of record the trail knows, as `audit_document` in the migrations names them.
    enum Resource: String, Sendable, CaseIterable {
        case provider, tool, network, pilot, evaluation, assessment, insight, contact, person, token
        case resourcingLine = "resourcing_line"
        case singleView = "single_view"
    }

    /// Acts that change no one record's fields, kept with what they touched.
    enum Act: String, Sendable {
        /// Statistics read with small numbers unsuppressed; the subject is `statistics`.
        case readUnsuppressed = "read_unsuppressed"
        /// The demonstration data taken out; the subject is `demonstration_data`.
        case removeDemo = "remove_demo"
        /// A session opened, ended by its person, or a sign-in that opened none.
        case signIn = "sign_in"
        case signOut = "sign_out"
        case signInFailed = "sign_in_failed"
        /// Every session of a person ended, by an administrator or by suspension; the subject is the person.
        case endSessions = "end_sessions"

        var subject: String {
            switch self {
            case .readUnsuppressed: "statistics"
            case .removeDemo: "demonstration_data"
            case .signIn, .signOut, .signInFailed: "session"
            case .endSessions: "person"
            }
        }
    }

    /// Records an act with what it touched (`detail`, kept as the entry's `after`), and the
    /// session or person it was about when there is one.
    static func record(
        _ act: Act, resource: UUID? = nil, detail: [String: String], caller: Caller, on connection: DatabaseConnection,
        logger: Logger
    ) async throws {
        let document = String(decoding: try JSONEncoder().encode(detail), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO audit_events (actor_id, actor_name, actor_role, action, resource_type, resource_id, after)
            VALUES (\(caller.userID), \(caller.name), \(caller.role.rawValue), \(act.rawValue), \(act.subject), \(resource),
                    \(document)::jsonb)
            """, logger: logger)
        TransactionTally.current?.audited(act.rawValue)
    }

    /// The record's whole state now, as JSON text; call before changing it.
    static func document(_ resource: Resource, _ id: UUID, on connection: DatabaseConnection, logger: Logger)
        async throws -> String?
    {
        try await connection.execute(Document(resource: resource, id: id), logger: logger).first ?? nil
    }

    /// Records a write that has just happened in this transaction. The state after is read
    /// here, so it is exactly what will commit; a delete keeps no state after.
    static func record(
        _ action: Action, _ resource: Resource, id: UUID, pilot: UUID? = nil, before: String?,
        context: WriteContext, on connection: DatabaseConnection, logger: Logger
    ) async throws {
        let event = Event(action: action, resource: resource, id: id, pilot: pilot, before: before, caller: context.caller)
        _ = try await connection.execute(event, logger: logger)
        TransactionTally.current?.audited(action.rawValue)
    }

    // Every audited write runs these, so they are prepared once per connection and never
    // parsed or planned again.

    struct Document: PostgresPreparedStatement {
        static let sql = "SELECT audit_document($1, $2)::text"

        var resource: Resource
        var id: UUID

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(resource.rawValue)
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> String? { try row.decode(String?.self) }
    }

    struct Event: PostgresPreparedStatement {
        static let sql = """
            INSERT INTO audit_events (actor_id, actor_name, actor_role, action, resource_type, resource_id, pilot_id,
                                      before, after)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb,
                    CASE WHEN $4 = 'delete' THEN NULL ELSE audit_document($5, $6) END)
            """

        var action: Action
        var resource: Resource
        var id: UUID
        var pilot: UUID?
        var before: String?
        var caller: Caller

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(caller.userID)
            bindings.append(caller.name)
            bindings.append(caller.role.rawValue)
            bindings.append(action.rawValue)
            bindings.append(resource.rawValue)
            bindings.append(id)
            bindings.append(pilot)
            bindings.append(before)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws {}
    }
}
