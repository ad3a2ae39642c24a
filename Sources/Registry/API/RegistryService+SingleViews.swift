import RegistryAPI

extension RegistryService {
    func listSingleViews(_ input: Operations.ListSingleViews.Input) async throws -> Operations.ListSingleViews.Output {
        let query = input.query
        let page = try PageRequest(cursor: query.cursor, limit: query.limit)
        let result = try await store.singleViews.list(
            authority: try await authorityFilter(query.authority), region: try await regionFilter(query.region),
            updatedSince: query.updatedSince, page: page, viewer: Caller.ofThisRequest)
        return .ok(.init(body: .json(.init(items: result.items, nextCursor: result.nextCursor))))
    }

    func createSingleView(_ input: Operations.CreateSingleView.Input) async throws -> Operations.CreateSingleView.Output {
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.singleViews.create(body, context: try .signedIn(Caller.ofThisRequest))
        return .created(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func getSingleView(_ input: Operations.GetSingleView.Input) async throws -> Operations.GetSingleView.Output {
        let record = try await store.singleViews.get(try recordID(input.path.singleViewId, "single view"), viewer: Caller.ofThisRequest)
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func updateSingleView(_ input: Operations.UpdateSingleView.Input) async throws -> Operations.UpdateSingleView.Output {
        let id = try recordID(input.path.singleViewId, "single view")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.singleViews.update(id, body, context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func deleteSingleView(_ input: Operations.DeleteSingleView.Input) async throws -> Operations.DeleteSingleView.Output {
        try await store.singleViews.delete(try recordID(input.path.singleViewId, "single view"), context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .noContent(.init())
    }
}
