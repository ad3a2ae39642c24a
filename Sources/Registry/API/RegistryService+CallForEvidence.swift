import Foundation
import OpenAPIRuntime
import RegistryAPI

// Call-for-evidence answers written from the registry: one authority's as JSON or Markdown,
// the sector's as one CSV row per authority.
extension RegistryService {
    func getCallForEvidenceAnswers(
        _ input: Operations.GetCallForEvidenceAnswers.Input
    ) async throws -> Operations.GetCallForEvidenceAnswers.Output {
        let loaded = try await AuthorityAnswers.load(input.path.authorityCode, viewer: Caller.ofThisRequest, store: store)
        let (authority, answers) = (loaded.authority, loaded.answers)
        let respondent = loaded.facts.respondent.map {
            Components.Schemas.CallForEvidenceAnswers.RespondentPayload(
                name: $0.name, email: $0.email, role: $0.role, consentToContact: $0.consent)
        }
        return .ok(.init(body: .json(.init(
            authority: authority, generatedOn: CalendarDate.today().description, respondent: respondent,
            complete: answers.filter(\.isComplete).count,
            answers: zip(CallForEvidenceQuestion.all, answers).map { question, answer in
                .init(
                    number: question.number, area: question.area, question: question.text,
                    status: .init(rawValue: answer.status.rawValue)!,
                    statements: answer.statements.map { .init(tool: $0.tool, text: $0.text) },
                    toRecord: answer.toRecord, answer: answer.text)
            }))))
    }

    func getCallForEvidenceDocument(
        _ input: Operations.GetCallForEvidenceDocument.Input
    ) async throws -> Operations.GetCallForEvidenceDocument.Output {
        let loaded = try await AuthorityAnswers.load(input.path.authorityCode, viewer: Caller.ofThisRequest, store: store)
        let authority = loaded.authority
        let document = CallForEvidence.markdown(
            authority: authority, answers: loaded.answers, respondent: loaded.facts, generatedOn: .today())
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
