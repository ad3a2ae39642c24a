import Foundation
import Logging

/// What `csc-registry person ...` does, offline against the database, as the command line's
/// operator (audited as "command line").
extension RegistryOperations {
    public static func invitePerson(
        database: DatabaseURL, name: String, email: String, role: String, authority: String?, networks: [String],
        logger: Logger
    ) async throws -> String {
        let details = PersonDetails(name: name, email: email, role: try parseRole(role), authority: authority, networks: networks)
        let person = try await DatabaseSession.run(database, logger: logger) { client in
            try await PersonStore(client: client, logger: logger).add(details, context: .commandLine)
        }
        return "Invited \(describe(person)). They sign in with a verified address at \(email)."
    }

    public static func listPeople(database: DatabaseURL, logger: Logger) async throws -> String {
        let people = try await DatabaseSession.run(database, logger: logger) { client in
            try await PersonStore(client: client, logger: logger).people()
        }
        return people.isEmpty ? "No people." : people.map(describe).joined(separator: "\n")
    }

    /// Changes what is given; a new role takes the scope given with it, never the old one.
    public static func changePerson(
        database: DatabaseURL, person key: String, name: String?, email: String?, role: String?, authority: String?,
        networks: [String], logger: Logger
    ) async throws -> String {
        let person = try await DatabaseSession.run(database, logger: logger) { client in
            let store = PersonStore(client: client, logger: logger)
            let current = try await store.person(try await find(key, in: store))
            let newRole = try role.map(parseRole) ?? current.role
            let roleChanged = newRole != current.role
            let details = PersonDetails(
                name: name ?? current.name, email: email ?? current.email, role: newRole,
                authority: authority ?? (roleChanged ? nil : current.authority),
                networks: !networks.isEmpty ? networks : (roleChanged ? [] : current.networks))
            return try await store.change(current.id, to: details, context: .commandLine)
        }
        return "Changed: \(describe(person))."
    }

    /// Suspends (`active: false`) or restores a person.
    public static func setPersonActive(database: DatabaseURL, person key: String, active: Bool, logger: Logger) async throws
        -> String
    {
        let person = try await DatabaseSession.run(database, logger: logger) { client in
            let store = PersonStore(client: client, logger: logger)
            return try await store.setState(try await find(key, in: store), to: active ? .active : .suspended, context: .commandLine)
        }
        return "\(active ? "Restored" : "Suspended"): \(describe(person))."
    }

    public static func signOutPerson(database: DatabaseURL, person key: String, logger: Logger) async throws -> String {
        let ended = try await DatabaseSession.run(database, logger: logger) { client in
            let id = try await find(key, in: PersonStore(client: client, logger: logger))
            return try await SessionStore(client: client, logger: logger).endAll(of: id, context: .commandLine)
        }
        return "Ended \(ended) session(s)."
    }

    /// A person by id or e-mail address.
    private static func find(_ key: String, in store: PersonStore) async throws -> UUID {
        if let id = UUID(uuidString: key) { return id }
        guard let person = try await store.people().first(where: { $0.email?.lowercased() == key.lowercased() }) else {
            throw ConfigurationError("No person has the id or e-mail address \(key). `csc-registry person list` lists them.")
        }
        return person.id
    }

    private static func parseRole(_ text: String) throws -> Caller.Role {
        guard let role = Caller.Role(rawValue: text), role != .anonymous else {
            throw ConfigurationError("--role must be one of admin, authority_editor, network_member, national_analyst")
        }
        return role
    }

    private static func describe(_ person: Person) -> String {
        "\(person.id.lowercased)  \(person.name) <\(person.email ?? "no address")>  \(person.roleDescription)  \(person.state.rawValue)"
    }
}
