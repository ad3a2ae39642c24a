import NIOCore
import RegistryAPI

extension RegistryService {
    func listPilots(_ input: Operations.ListPilots.Input) async throws -> Operations.ListPilots.Output {
        let query = input.query
        let page = try PageRequest(cursor: query.cursor, limit: query.limit)
        let filter = PilotStore.Filter(
            authority: try await authorityFilter(query.authority),
            region: try await regionFilter(query.region),
            networkID: try await networkFilter(query.network),
            toolID: try filterID(query.tool, "tool"),
            kind: query.kind?.rawValue,
            phase: query.phase?.rawValue,
            providerID: try filterID(query.provider, "provider"),
            origin: query.origin?.rawValue,
            updatedSince: query.updatedSince)
        guard let encoded = EncodedJSONBody.current else {
            let result = try await store.pilots.list(filter, page: page, viewer: Caller.ofThisRequest)
            return .ok(.init(body: .json(.init(items: result.items, nextCursor: result.nextCursor))))
        }
        let result = try await store.pilots.listJSON(filter, page: page, viewer: Caller.ofThisRequest)
        encoded.set(Self.pageJSON(result))
        return .ok(.init(body: .json(.init(items: []))))
    }

    /// A `PilotPage` from pilots already written as JSON objects.
    static func pageJSON(_ page: Page<String>) -> ByteBuffer {
        var json = ByteBuffer()
        json.reserveCapacity(page.items.reduce(32) { $0 + $1.utf8.count + 1 })
        json.writeString(#"{"items":["#)
        for (index, item) in page.items.enumerated() {
            if index > 0 { json.writeString(",") }
            json.writeString(item)
        }
        json.writeString("]")
        // A cursor is digits: nothing in it needs escaping.
        if let cursor = page.nextCursor { json.writeString(#","next_cursor":"\#(cursor)""#) }
        json.writeString("}")
        return json
    }

    func createPilot(_ input: Operations.CreatePilot.Input) async throws -> Operations.CreatePilot.Output {
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate(creating: true)
        let toolID = try referenceID(body.toolId, "tool_id", "tool")!
        let record = try await store.pilots.create(body, toolID: toolID, context: try .signedIn(Caller.ofThisRequest))
        return .created(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func getPilot(_ input: Operations.GetPilot.Input) async throws -> Operations.GetPilot.Output {
        let record = try await store.pilots.get(try recordID(input.path.pilotId, "pilot"), viewer: Caller.ofThisRequest)
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func updatePilot(_ input: Operations.UpdatePilot.Input) async throws -> Operations.UpdatePilot.Output {
        let id = try recordID(input.path.pilotId, "pilot")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate(creating: false)
        let toolID = try referenceID(body.toolId, "tool_id", "tool")!
        let record = try await store.pilots.update(id, body, toolID: toolID, context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .ok(.init(headers: .init(eTag: EntityTag.of(version: record.version)), body: .json(record)))
    }

    func deletePilot(_ input: Operations.DeletePilot.Input) async throws -> Operations.DeletePilot.Output {
        try await store.pilots.delete(try recordID(input.path.pilotId, "pilot"), context: try .signedIn(Caller.ofThisRequest, ifMatch: input.headers.ifMatch))
        return .noContent(.init())
    }

    // MARK: - Phases

    func listPhaseChanges(_ input: Operations.ListPhaseChanges.Input) async throws -> Operations.ListPhaseChanges.Output {
        let id = try recordID(input.path.pilotId, "pilot")
        return .ok(.init(body: .json(.init(items: try await store.pilots.phaseChanges(of: id, viewer: Caller.ofThisRequest)))))
    }

    func createPhaseChange(_ input: Operations.CreatePhaseChange.Input) async throws -> Operations.CreatePhaseChange.Output {
        let id = try recordID(input.path.pilotId, "pilot")
        guard case .json(let body) = input.body else { throw RegistryError.malformed([]) }
        try body.validate()
        return .created(.init(body: .json(try await store.pilots.changePhase(of: id, body, context: try .signedIn(Caller.ofThisRequest)))))
    }
}
