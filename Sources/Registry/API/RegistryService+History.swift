import Foundation
import RegistryAPI

// A record's audit trail, for anyone who may read the record; the whole trail for administrators.
extension RegistryService {
    /// The page of `resource`'s entries for `id`, once `mayRead` has confirmed (or 404ed) the record.
    private func history(
        _ resource: AuditLog.Resource, _ id: UUID, cursor: String?, limit: Int?, mayRead: () async throws -> Void
    ) async throws -> Components.Schemas.AuditEventPage {
        let page = try PageRequest(cursor: cursor, limit: limit)
        try await mayRead()
        let result = try await store.audit.list(
            .init(resource: resource.rawValue, resourceID: id), page: page, viewer: Caller.ofThisRequest)
        return .init(items: result.items, nextCursor: result.nextCursor)
    }

    func getProviderHistory(_ input: Operations.GetProviderHistory.Input) async throws -> Operations.GetProviderHistory.Output {
        let id = try recordID(input.path.providerId, "provider")
        return .ok(.init(body: .json(try await history(.provider, id, cursor: input.query.cursor, limit: input.query.limit) {
            _ = try await store.providers.get(id)
        })))
    }

    func getToolHistory(_ input: Operations.GetToolHistory.Input) async throws -> Operations.GetToolHistory.Output {
        let id = try recordID(input.path.toolId, "tool")
        return .ok(.init(body: .json(try await history(.tool, id, cursor: input.query.cursor, limit: input.query.limit) {
            _ = try await store.tools.get(id)
        })))
    }

    func getNetworkHistory(_ input: Operations.GetNetworkHistory.Input) async throws -> Operations.GetNetworkHistory.Output {
        guard let id = try await store.networks.resolve(input.path.networkId) else {
            throw RegistryError.notFound(resource: "network", id: input.path.networkId)
        }
        return .ok(.init(body: .json(try await history(.network, id, cursor: input.query.cursor, limit: input.query.limit) {})))
    }

    func getPilotHistory(_ input: Operations.GetPilotHistory.Input) async throws -> Operations.GetPilotHistory.Output {
        let id = try recordID(input.path.pilotId, "pilot")
        return .ok(.init(body: .json(try await history(.pilot, id, cursor: input.query.cursor, limit: input.query.limit) {
            _ = try await store.pilots.get(id, viewer: Caller.ofThisRequest)
        })))
    }

    func getResourcingHistory(_ input: Operations.GetResourcingHistory.Input) async throws -> Operations.GetResourcingHistory.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let id = try recordID(input.path.lineId, "resourcing line")
        return .ok(.init(body: .json(try await history(.resourcingLine, id, cursor: input.query.cursor, limit: input.query.limit) {
            _ = try await store.resourcing.table.get(pilot: pilot, id: id, viewer: Caller.ofThisRequest)
        })))
    }

    func getAssessmentHistory(_ input: Operations.GetAssessmentHistory.Input) async throws -> Operations.GetAssessmentHistory.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let id = try recordID(input.path.assessmentId, "assessment")
        return .ok(.init(body: .json(try await history(.assessment, id, cursor: input.query.cursor, limit: input.query.limit) {
            _ = try await store.assessments.table.get(pilot: pilot, id: id, viewer: Caller.ofThisRequest)
        })))
    }

    func getEvaluationHistory(_ input: Operations.GetEvaluationHistory.Input) async throws -> Operations.GetEvaluationHistory.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let id = try recordID(input.path.evaluationId, "evaluation")
        return .ok(.init(body: .json(try await history(.evaluation, id, cursor: input.query.cursor, limit: input.query.limit) {
            _ = try await store.evaluations.table.get(pilot: pilot, id: id, viewer: Caller.ofThisRequest)
        })))
    }

    func getInsightHistory(_ input: Operations.GetInsightHistory.Input) async throws -> Operations.GetInsightHistory.Output {
        let pilot = try recordID(input.path.pilotId, "pilot")
        let id = try recordID(input.path.insightId, "insight")
        return .ok(.init(body: .json(try await history(.insight, id, cursor: input.query.cursor, limit: input.query.limit) {
            _ = try await store.insights.table.get(pilot: pilot, id: id, viewer: Caller.ofThisRequest)
        })))
    }

    func getSingleViewHistory(_ input: Operations.GetSingleViewHistory.Input) async throws -> Operations.GetSingleViewHistory.Output {
        let id = try recordID(input.path.singleViewId, "single view")
        return .ok(.init(body: .json(try await history(.singleView, id, cursor: input.query.cursor, limit: input.query.limit) {
            _ = try await store.singleViews.get(id, viewer: Caller.ofThisRequest)
        })))
    }

    func getContactHistory(_ input: Operations.GetContactHistory.Input) async throws -> Operations.GetContactHistory.Output {
        let id = try recordID(input.path.contactId, "contact")
        return .ok(.init(body: .json(try await history(.contact, id, cursor: input.query.cursor, limit: input.query.limit) {
            _ = try await store.contacts.get(id, viewer: Caller.ofThisRequest)
        })))
    }

    func listAuditEvents(_ input: Operations.ListAuditEvents.Input) async throws -> Operations.ListAuditEvents.Output {
        try Permissions.requireAdmin(Caller.ofThisRequest, to: "read the whole audit trail")
        let query = input.query
        let page = try PageRequest(cursor: query.cursor, limit: query.limit)
        let filter = AuditStore.Filter(
            resource: query.resourceType?.rawValue,
            resourceID: try filterID(query.resourceId, "resource_id"),
            actorID: try filterID(query.actorId, "actor_id"),
            since: query.since)
        let result = try await store.audit.list(filter, page: page, viewer: Caller.ofThisRequest)
        return .ok(.init(body: .json(.init(items: result.items, nextCursor: result.nextCursor))))
    }
}
