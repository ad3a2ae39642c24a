import RegistryAPI

extension RegistryService {
    func listResourcing(_ input: Operations.ListResourcing.Input) async throws -> Operations.ListResourcing.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let page = try PageRequest(cursor: input.query.cursor, limit: input.query.limit)
        let result = try await store.resourcing.table.list(pilot: pilot, page: page, viewer: Caller.ofThisRequest)
        return .ok(.init(body: .json(.init(items: result.items, nextCursor: result.nextCursor))))
    }

    func createResourcing(_ input: Operations.CreateResourcing.Input) async throws -> Operations.CreateResourcing.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.resourcing.create(pilot: pilot, body, context: try .signedIn(Caller.ofThisRequest))
        return .created(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func getResourcing(_ input: Operations.GetResourcing.Input) async throws -> Operations.GetResourcing.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let id = try recordID(input.path.lineId, "resourcing line")
        let record = try await store.resourcing.table.get(pilot: pilot, id: id, viewer: Caller.ofThisRequest)
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func updateResourcing(_ input: Operations.UpdateResourcing.Input) async throws -> Operations.UpdateResourcing.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let id = try recordID(input.path.lineId, "resourcing line")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        let record = try await store.resourcing.update(pilot: pilot, id: id, body, context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func deleteResourcing(_ input: Operations.DeleteResourcing.Input) async throws -> Operations.DeleteResourcing.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        try await store.resourcing.table.delete(pilot: pilot, id: try recordID(input.path.lineId, "resourcing line"), context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .noContent(.init())
    }
}
