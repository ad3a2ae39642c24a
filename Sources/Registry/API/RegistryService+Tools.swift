import RegistryAPI

extension RegistryService {
    func listTools(_ input: Operations.ListTools.Input) async throws -> Operations.ListTools.Output {
        let query = input.query
        let page = try PageRequest(cursor: query.cursor, limit: query.limit)
        let filter = ToolStore.Filter(
            kind: query.kind?.rawValue, technology: query.technology?.rawValue,
            providerID: try filterID(query.provider, "provider"), updatedSince: query.updatedSince)
        if let search = try catalogueSearch(query.q) {
            // Matches come closest first, the best `limit` of them: there is no next page.
            return .ok(.init(body: .json(.init(items: try await store.tools.search(search, filter, limit: page.limit)))))
        }
        let result = try await store.tools.list(filter, page: page)
        return .ok(.init(body: .json(.init(items: result.items, nextCursor: result.nextCursor))))
    }

    func createTool(_ input: Operations.CreateTool.Input) async throws -> Operations.CreateTool.Output {
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let providerID = try referenceID(body.providerId, "provider_id", "provider")
        let record = try await store.tools.create(body, providerID: providerID, context: try .signedIn(Caller.ofThisRequest))
        return .created(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func getTool(_ input: Operations.GetTool.Input) async throws -> Operations.GetTool.Output {
        let record = try await store.tools.get(try recordID(input.path.toolId, "tool"))
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func updateTool(_ input: Operations.UpdateTool.Input) async throws -> Operations.UpdateTool.Output {
        let id = try recordID(input.path.toolId, "tool")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let providerID = try referenceID(body.providerId, "provider_id", "provider")
        let record = try await store.tools.update(id, body, providerID: providerID, context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func deleteTool(_ input: Operations.DeleteTool.Input) async throws -> Operations.DeleteTool.Output {
        try await store.tools.delete(try recordID(input.path.toolId, "tool"), context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .noContent(.init())
    }
}
