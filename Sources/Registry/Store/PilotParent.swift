import Foundation
import Logging
import PostgresNIO

/// What a child record needs to know of its pilot: its defaults come from it.
struct PilotParent: Sendable {
    let id: UUID
    let leadAuthority: String
    let participants: [String]
    let sharingLevel: String

    /// The live pilot, locked against a concurrent delete for the rest of the transaction;
    /// 404 when the viewer may not see it. A read passes `locking: false`: a row lock is a
    /// write (it marks the row), which a list of records has no need of.
    static func require(
        _ id: UUID, viewer: Caller, locking: Bool = true, on connection: DatabaseConnection, logger: Logger
    ) async throws -> PilotParent {
        guard
            let parent = try await connection.query(
                """
                SELECT lead_authority, sharing_level,
                       ARRAY(SELECT authority_code FROM pilot_participants WHERE pilot_id = \(id)) AS participants
                FROM pilots WHERE id = \(id) AND deleted_at IS NULL
                  AND may_read(sharing_level, pilot_owners(id, lead_authority), \(viewer.role.rawValue), \(viewer.authority), \(viewer.networks))
                \(unescaped: locking ? "FOR SHARE" : "")
                """, logger: logger
            ).first({
                PilotParent(
                    id: id, leadAuthority: try $0.get("lead_authority"), participants: try $0.get("participants"),
                    sharingLevel: try $0.get("sharing_level"))
            })
        else { throw RegistryError.notFound(resource: "pilot", id: id.lowercased) }
        return parent
    }

    /// The record's authority: the one given (any known code) or else the pilot's lead.
    func authority(_ given: String?, field: String, on connection: DatabaseConnection, logger: Logger) async throws
        -> String
    {
        guard let given else { return leadAuthority }
        return try await ReferenceStore.require([given], field: { _ in field }, on: connection, logger: logger)[0]
    }
}
