import RegistryAPI

extension RegistryService {
    func listAssessments(_ input: Operations.ListAssessments.Input) async throws -> Operations.ListAssessments.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let page = try PageRequest(cursor: input.query.cursor, limit: input.query.limit)
        let result = try await store.assessments.table.list(pilot: pilot, page: page, viewer: Caller.ofThisRequest)
        return .ok(.init(body: .json(.init(items: result.items, nextCursor: result.nextCursor))))
    }

    func createAssessment(_ input: Operations.CreateAssessment.Input) async throws -> Operations.CreateAssessment.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.assessments.create(pilot: pilot, body, context: try .signedIn(Caller.ofThisRequest))
        return .created(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func getAssessment(_ input: Operations.GetAssessment.Input) async throws -> Operations.GetAssessment.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let id = try recordID(input.path.assessmentId, "assessment")
        let record = try await store.assessments.table.get(pilot: pilot, id: id, viewer: Caller.ofThisRequest)
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func updateAssessment(_ input: Operations.UpdateAssessment.Input) async throws -> Operations.UpdateAssessment.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let id = try recordID(input.path.assessmentId, "assessment")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.assessments.update(pilot: pilot, id: id, body, context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func deleteAssessment(_ input: Operations.DeleteAssessment.Input) async throws -> Operations.DeleteAssessment.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        try await store.assessments.table.delete(pilot: pilot, id: try recordID(input.path.assessmentId, "assessment"), context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .noContent(.init())
    }
}
