import Foundation
import Testing

@testable import Registry

/// `csc-registry person ...`, run as the command line runs them, each change audited.
@Suite struct PersonOperationsTests {
    @Test func peopleAreInvitedChangedSuspendedAndRestoredFromTheCommandLine() async throws {
        try await ExportOperationsTests.withDatabase { database, _ in
            let logger = TestDatabases.shared.logger
            let invited = try await RegistryOperations.invitePerson(
                database: database, name: "Jo Smith", email: "jo.smith@hartlepool.example", role: "authority_editor",
                authority: "805", networks: [], logger: logger)
            #expect(invited.contains("Jo Smith <jo.smith@hartlepool.example>  editor for E06000001  invited"), "\(invited)")
            await #expect(throws: (any Error).self) {
                try await RegistryOperations.invitePerson(
                    database: database, name: "Jo again", email: "JO.SMITH@hartlepool.example", role: "national_analyst",
                    authority: nil, networks: [], logger: logger)
            }
            // A new role takes only the scope given with it.
            let changed = try await RegistryOperations.changePerson(
                database: database, person: "jo.smith@hartlepool.example", name: nil, email: nil, role: "national_analyst",
                authority: nil, networks: [], logger: logger)
            #expect(changed.contains("national analyst  invited"), "\(changed)")
            let suspended = try await RegistryOperations.setPersonActive(
                database: database, person: "jo.smith@hartlepool.example", active: false, logger: logger)
            #expect(suspended.hasPrefix("Suspended:") && suspended.hasSuffix("suspended."))
            // Never signed in, so restored to invited, not active.
            let restored = try await RegistryOperations.setPersonActive(
                database: database, person: "jo.smith@hartlepool.example", active: true, logger: logger)
            #expect(restored.hasSuffix("invited."), "\(restored)")
            #expect(try await RegistryOperations.signOutPerson(database: database, person: "jo.smith@hartlepool.example", logger: logger) == "Ended 0 session(s).")
            let list = try await RegistryOperations.listPeople(database: database, logger: logger)
            #expect(list.split(separator: "\n").count == 1)
            let entries = try await DatabaseSession.run(database, logger: logger) { client in
                try await client.query("SELECT action || ' ' || resource_type || ' ' || actor_name AS e FROM audit_events ORDER BY id", logger: logger)
                    .all { try $0.get("e", as: String.self) }
            }
            // Suspension ends the person's sessions (none here) in the same transaction.
            #expect(entries == [
                "create person command line", "update person command line", "update person command line",
                "end_sessions person command line", "update person command line", "end_sessions person command line",
            ])
        }
    }
}
