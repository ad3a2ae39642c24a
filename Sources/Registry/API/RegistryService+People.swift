import Foundation
import RegistryAPI

// People, managed by administrators (the same operations as `csc-registry person`).
extension RegistryService {
    func listPeople(_ input: Operations.ListPeople.Input) async throws -> Operations.ListPeople.Output {
        try Permissions.requireAdmin(Caller.ofThisRequest, to: "manage people")
        return .ok(.init(body: .json(.init(items: try await store.people.people().map(Self.person)))))
    }

    func invitePerson(_ input: Operations.InvitePerson.Input) async throws -> Operations.InvitePerson.Output {
        try Permissions.requireAdmin(Caller.ofThisRequest, to: "manage people")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        let person = try await store.people.add(Self.details(body), context: try .signedIn(Caller.ofThisRequest))
        return .created(.init(body: .json(Self.person(person))))
    }

    func getPerson(_ input: Operations.GetPerson.Input) async throws -> Operations.GetPerson.Output {
        try Permissions.requireAdmin(Caller.ofThisRequest, to: "manage people")
        return .ok(.init(body: .json(Self.person(try await store.people.person(try recordID(input.path.personId, "person"))))))
    }

    func changePerson(_ input: Operations.ChangePerson.Input) async throws -> Operations.ChangePerson.Output {
        try Permissions.requireAdmin(Caller.ofThisRequest, to: "manage people")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        let id = try recordID(input.path.personId, "person")
        try Permissions.requireMayChange(person: id, toRole: Caller.Role(rawValue: body.role.rawValue)!, Caller.ofThisRequest)
        let person = try await store.people.change(id, to: Self.details(body), context: try .signedIn(Caller.ofThisRequest))
        return .ok(.init(body: .json(Self.person(person))))
    }

    func suspendPerson(_ input: Operations.SuspendPerson.Input) async throws -> Operations.SuspendPerson.Output {
        try Permissions.requireAdmin(Caller.ofThisRequest, to: "manage people")
        let id = try recordID(input.path.personId, "person")
        try Permissions.requireMaySuspend(person: id, Caller.ofThisRequest)
        let person = try await store.people.setState(id, to: .suspended, context: try .signedIn(Caller.ofThisRequest))
        return .ok(.init(body: .json(Self.person(person))))
    }

    func restorePerson(_ input: Operations.RestorePerson.Input) async throws -> Operations.RestorePerson.Output {
        try Permissions.requireAdmin(Caller.ofThisRequest, to: "manage people")
        let person = try await store.people.setState(
            try recordID(input.path.personId, "person"), to: .active, context: try .signedIn(Caller.ofThisRequest))
        return .ok(.init(body: .json(Self.person(person))))
    }

    func endPersonSessions(_ input: Operations.EndPersonSessions.Input) async throws -> Operations.EndPersonSessions.Output {
        try Permissions.requireAdmin(Caller.ofThisRequest, to: "manage people")
        let id = try recordID(input.path.personId, "person")
        _ = try await store.people.person(id)
        let ended = try await store.sessions.endAll(of: id, context: try .signedIn(Caller.ofThisRequest))
        return .ok(.init(body: .json(.init(ended: ended))))
    }

    private static func details(_ body: Components.Schemas.PersonInput) -> PersonDetails {
        PersonDetails(
            name: body.name, email: body.email, role: Caller.Role(rawValue: body.role.rawValue)!, authority: body.authority,
            networks: body.networks ?? [])
    }

    static func person(_ person: Person) -> Components.Schemas.Person {
        Components.Schemas.Person(
            id: person.id.lowercased, name: person.name, email: person.email,
            role: Components.Schemas.Role(rawValue: person.role.rawValue)!, authority: person.authority,
            networks: person.networks, state: .init(rawValue: person.state.rawValue)!, providers: person.providers,
            lastSignedInAt: person.lastSignedInAt, createdAt: person.createdAt, updatedAt: person.updatedAt)
    }
}
