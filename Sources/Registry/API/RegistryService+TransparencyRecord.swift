import Foundation
import OpenAPIRuntime
import RegistryAPI

// Draft Algorithmic Transparency Recording Standard records, from what the registry knows of a pilot.
extension RegistryService {
    func getTransparencyRecord(_ input: Operations.GetTransparencyRecord.Input) async throws -> Operations.GetTransparencyRecord.Output {
        let facts = try await transparencyFacts(input.path.pilotId)
        let record = TransparencyRecord(facts, generatedOn: .today())
        return .ok(.init(body: .json(.init(
            standardVersion: "3.0", pilotId: facts.pilot.id, generatedOn: CalendarDate.today().description,
            fields: record.fields.map { field in
                .init(reference: field.reference, attribute: field.attribute, section: field.section, required: field.required,
                      value: field.value, status: .init(rawValue: field.status.rawValue)!)
            },
            toComplete: record.toComplete.map(\.reference)))))
    }

    func getTransparencyRecordDocument(
        _ input: Operations.GetTransparencyRecordDocument.Input
    ) async throws -> Operations.GetTransparencyRecordDocument.Output {
        let facts = try await transparencyFacts(input.path.pilotId)
        let document = TransparencyRecord(facts, generatedOn: .today()).markdown(title: facts.pilot.title, generatedOn: .today())
        return .ok(.init(
            headers: .init(contentDisposition: "attachment; filename=\"transparency-record-\(facts.pilot.id).md\""),
            body: .textMarkdown(HTTPBody(document))))
    }

    /// The pilot and every record of it the caller may read.
    private func transparencyFacts(_ pilotID: String) async throws -> TransparencyRecord.Facts {
        let viewer = Caller.ofThisRequest
        let id = try recordID(pilotID, "pilot")
        let pilot = try await store.pilots.get(id, viewer: viewer)
        let tool = try await store.tools.get(UUID(uuidString: pilot.toolId)!)
        var provider: Provider?
        if let providerID = tool.providerId.flatMap(UUID.init(uuidString:)) {
            provider = try await store.providers.get(providerID)
        }
        let contacts = try await store.contacts.list(
            authority: pilot.leadAuthority, updatedSince: nil, page: PageRequest(limit: 1), viewer: viewer)
        return TransparencyRecord.Facts(
            pilot: pilot, tool: tool, provider: provider,
            authority: try await store.reference.authority(code: pilot.leadAuthority),
            assessments: try await store.assessments.table.all(ofReadPilot: id, viewer: viewer),
            evaluations: try await store.evaluations.table.all(ofReadPilot: id, viewer: viewer),
            insights: try await store.insights.table.all(ofReadPilot: id, viewer: viewer),
            resourcing: try await store.resourcing.table.all(ofReadPilot: id, viewer: viewer),
            contactEmail: contacts.items.first?.email)
    }
}
