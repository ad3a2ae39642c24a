import RegistryAPI

extension RegistryService {
    func listContacts(_ input: Operations.ListContacts.Input) async throws -> Operations.ListContacts.Output {
        let page = try PageRequest(cursor: input.query.cursor, limit: input.query.limit)
        let result = try await store.contacts.list(
            authority: try await authorityFilter(input.query.authority), updatedSince: input.query.updatedSince,
            page: page, viewer: Caller.ofThisRequest)
        return .ok(.init(body: .json(.init(items: result.items, nextCursor: result.nextCursor))))
    }

    func createContact(_ input: Operations.CreateContact.Input) async throws -> Operations.CreateContact.Output {
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.contacts.create(body, context: try .signedIn(Caller.ofThisRequest))
        return .created(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func getContact(_ input: Operations.GetContact.Input) async throws -> Operations.GetContact.Output {
        let record = try await store.contacts.get(try recordID(input.path.contactId, "contact"), viewer: Caller.ofThisRequest)
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func updateContact(_ input: Operations.UpdateContact.Input) async throws -> Operations.UpdateContact.Output {
        let id = try recordID(input.path.contactId, "contact")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.contacts.update(id, body, context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func deleteContact(_ input: Operations.DeleteContact.Input) async throws -> Operations.DeleteContact.Output {
        try await store.contacts.delete(try recordID(input.path.contactId, "contact"), context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .noContent(.init())
    }
}
