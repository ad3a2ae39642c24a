import RegistryAPI

extension RegistryService {
    func listInsights(_ input: Operations.ListInsights.Input) async throws -> Operations.ListInsights.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let page = try PageRequest(cursor: input.query.cursor, limit: input.query.limit)
        let result = try await store.insights.table.list(pilot: pilot, page: page, viewer: Caller.ofThisRequest)
        return .ok(.init(body: .json(.init(items: result.items, nextCursor: result.nextCursor))))
    }

    func createInsight(_ input: Operations.CreateInsight.Input) async throws -> Operations.CreateInsight.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.insights.create(pilot: pilot, body, context: try .signedIn(Caller.ofThisRequest))
        return .created(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func getInsight(_ input: Operations.GetInsight.Input) async throws -> Operations.GetInsight.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let id = try recordID(input.path.insightId, "insight")
        let record = try await store.insights.table.get(pilot: pilot, id: id, viewer: Caller.ofThisRequest)
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func updateInsight(_ input: Operations.UpdateInsight.Input) async throws -> Operations.UpdateInsight.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let id = try recordID(input.path.insightId, "insight")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.insights.update(pilot: pilot, id: id, body, context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func deleteInsight(_ input: Operations.DeleteInsight.Input) async throws -> Operations.DeleteInsight.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        try await store.insights.table.delete(pilot: pilot, id: try recordID(input.path.insightId, "insight"), context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .noContent(.init())
    }
}
