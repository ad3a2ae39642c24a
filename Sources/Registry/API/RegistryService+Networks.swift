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
        return .created(.init(body: .json(try await store.networks.create(body, context: .api))))
    }

    func getNetwork(_ input: Operations.GetNetwork.Input) async throws -> Operations.GetNetwork.Output {
        .ok(.init(body: .json(try await store.networks.get(input.path.networkId))))
    }

    func updateNetwork(_ input: Operations.UpdateNetwork.Input) async throws -> Operations.UpdateNetwork.Output {
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        return .ok(.init(body: .json(try await store.networks.update(input.path.networkId, body, context: .api))))
    }

    func deleteNetwork(_ input: Operations.DeleteNetwork.Input) async throws -> Operations.DeleteNetwork.Output {
        try await store.networks.delete(input.path.networkId, context: .api)
        return .noContent(.init())
    }
}
