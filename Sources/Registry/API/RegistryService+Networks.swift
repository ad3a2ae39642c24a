import RegistryAPI

extension RegistryService {
    func listNetworks(_ input: Operations.ListNetworks.Input) async throws -> Operations.ListNetworks.Output {
        let page = try PageRequest(cursor: input.query.cursor, limit: input.query.limit)
        let authority = try await authorityFilter(input.query.authority)
        let result = try await store.networks.list(
            authority: authority, updatedSince: input.query.updatedSince, page: page)
        return .ok(.init(body: .json(.init(items: result.items, nextCursor: result.nextCursor))))
    }

    func createNetwork(_ input: Operations.CreateNetwork.Input) async throws -> Operations.CreateNetwork.Output {
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.networks.create(body, context: try .signedIn(Caller.ofThisRequest))
        return .created(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func getNetwork(_ input: Operations.GetNetwork.Input) async throws -> Operations.GetNetwork.Output {
        let record = try await store.networks.get(input.path.networkId)
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func updateNetwork(_ input: Operations.UpdateNetwork.Input) async throws -> Operations.UpdateNetwork.Output {
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.networks.update(input.path.networkId, body, context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func deleteNetwork(_ input: Operations.DeleteNetwork.Input) async throws -> Operations.DeleteNetwork.Output {
        try await store.networks.delete(input.path.networkId, context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .noContent(.init())
    }
}
