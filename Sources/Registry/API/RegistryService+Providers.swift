import RegistryAPI

extension RegistryService {
    func listProviders(_ input: Operations.ListProviders.Input) async throws -> Operations.ListProviders.Output {
        let page = try PageRequest(cursor: input.query.cursor, limit: input.query.limit)
        if let query = try catalogueSearch(input.query.q) {
            // Matches come closest first, the best `limit` of them: there is no next page.
            let found = try await store.providers.search(query, updatedSince: input.query.updatedSince, limit: page.limit)
            return .ok(.init(body: .json(.init(items: found))))
        }
        let result = try await store.providers.list(updatedSince: input.query.updatedSince, page: page)
        return .ok(.init(body: .json(.init(items: result.items, nextCursor: result.nextCursor))))
    }

    func createProvider(_ input: Operations.CreateProvider.Input) async throws -> Operations.CreateProvider.Output {
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.providers.create(body, context: try .signedIn(Caller.ofThisRequest))
        return .created(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func getProvider(_ input: Operations.GetProvider.Input) async throws -> Operations.GetProvider.Output {
        let record = try await store.providers.get(try recordID(input.path.providerId, "provider"))
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func updateProvider(_ input: Operations.UpdateProvider.Input) async throws -> Operations.UpdateProvider.Output {
        let id = try recordID(input.path.providerId, "provider")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.providers.update(id, body, context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func deleteProvider(_ input: Operations.DeleteProvider.Input) async throws -> Operations.DeleteProvider.Output {
        try await store.providers.delete(try recordID(input.path.providerId, "provider"), context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .noContent(.init())
    }
}
