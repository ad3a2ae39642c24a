import RegistryAPI

extension RegistryService {
    func listEvaluations(_ input: Operations.ListEvaluations.Input) async throws -> Operations.ListEvaluations.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let page = try PageRequest(cursor: input.query.cursor, limit: input.query.limit)
        let result = try await store.evaluations.table.list(pilot: pilot, page: page, viewer: Caller.ofThisRequest)
        return .ok(.init(body: .json(.init(items: result.items, nextCursor: result.nextCursor))))
    }

    func createEvaluation(_ input: Operations.CreateEvaluation.Input) async throws -> Operations.CreateEvaluation.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.evaluations.create(pilot: pilot, body, context: try .signedIn(Caller.ofThisRequest))
        return .created(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func getEvaluation(_ input: Operations.GetEvaluation.Input) async throws -> Operations.GetEvaluation.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let id = try recordID(input.path.evaluationId, "evaluation")
        let record = try await store.evaluations.table.get(pilot: pilot, id: id, viewer: Caller.ofThisRequest)
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func updateEvaluation(_ input: Operations.UpdateEvaluation.Input) async throws -> Operations.UpdateEvaluation.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let id = try recordID(input.path.evaluationId, "evaluation")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.evaluations.update(pilot: pilot, id: id, body, context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func deleteEvaluation(_ input: Operations.DeleteEvaluation.Input) async throws -> Operations.DeleteEvaluation.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        try await store.evaluations.table.delete(pilot: pilot, id: try recordID(input.path.evaluationId, "evaluation"), context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .noContent(.init())
    }
}
