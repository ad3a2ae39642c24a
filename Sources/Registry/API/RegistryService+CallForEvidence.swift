import Foundation
import OpenAPIRuntime
import RegistryAPI

// Call-for-evidence answers written from the registry: one authority's as JSON or Markdown,
// the sector's as one CSV row per authority.
extension RegistryService {
    func getCallForEvidenceAnswers(
        _ input: Operations.GetCallForEvidenceAnswers.Input
    ) async throws -> Operations.GetCallForEvidenceAnswers.Output {
        let (authority, facts) = try await callForEvidenceFacts(input.path.authorityCode)
        let answers = CallForEvidence(facts: facts).answers
        let respondent = facts.respondent.map {
            Components.Schemas.CallForEvidenceAnswers.RespondentPayload(
                name: $0.name, email: $0.email, role: $0.role, consentToContact: $0.consent)
        }
        return .ok(.init(body: .json(.init(
            authority: authority, generatedOn: CalendarDate.today().description, respondent: respondent,
            answers: zip(CallForEvidence.questions, answers).map { question, answer in
                .init(number: question.number, area: question.area, question: question.text, answer: answer.text)
            }))))
    }

    func getCallForEvidenceDocument(
        _ input: Operations.GetCallForEvidenceDocument.Input
    ) async throws -> Operations.GetCallForEvidenceDocument.Output {
        let (authority, facts) = try await callForEvidenceFacts(input.path.authorityCode)
        let document = CallForEvidence.markdown(
            authority: authority, answers: CallForEvidence(facts: facts).answers, respondent: facts, generatedOn: .today())
        return .ok(.init(
            headers: .init(contentDisposition: "attachment; filename=\"call-for-evidence-\(authority.code).md\""),
            body: .textMarkdown(HTTPBody(document))))
    }

    func getCallForEvidenceResponses(
        _ input: Operations.GetCallForEvidenceResponses.Input
    ) async throws -> Operations.GetCallForEvidenceResponses.Output {
        let csv = try await CallForEvidence.sectorCSV(viewer: Caller.ofThisRequest, store: store)
        return .ok(.init(
            headers: .init(contentDisposition: "attachment; filename=\"call-for-evidence-responses.csv\""),
            body: .csv(HTTPBody(csv))))
    }

    private func callForEvidenceFacts(_ code: String) async throws -> (Authority, CallForEvidenceStore.AuthorityFacts) {
        let authority = try await store.reference.authority(code: code)
        let facts = try await store.callForEvidence.facts(authority: authority.code, viewer: Caller.ofThisRequest)
        return (authority, facts[authority.code] ?? .init())
    }
}

extension RegistryService {
    func importCallForEvidenceResponses(
        _ input: Operations.ImportCallForEvidenceResponses.Input
    ) async throws -> Operations.ImportCallForEvidenceResponses.Output {
        let context = try WriteContext.signedIn(Caller.ofThisRequest)
        guard case .csv(let body) = input.body else { throw RegistryError.malformed([]) }
        let text = try await String(collecting: body, upTo: RequestLimits.bodyBytes)
        let importer = CallForEvidenceImport(
            store: store, context: context, sharingLevel: input.query.sharingLevel ?? ._private, today: .today())
        let report = try await importer.run(text)
        return .ok(.init(body: .json(.init(
            rows: report.rows, authorities: report.authorities, unknownColumns: report.unknownColumns,
            created: .init(additionalProperties: report.created)))))
    }
}
