import Foundation
import RegistryAPI

// The answers as files: the sector's CSV (a row per authority) and one authority's document.
extension CallForEvidence {
    static let authorityColumns = ["new_la_code", "old_la_code", "la_name", "region_name"]
    /// `Returned` or `No return`, so an authority that recorded nothing is told from one with nothing to report.
    static let returnColumn = "return_status"
    static let respondentColumns = ["contact_name", "contact_email", "contact_role", "consent_to_contact"]
    static let returned = "Returned", noReturn = "No return"

    static var header: [String] {
        authorityColumns + [returnColumn] + respondentColumns + CallForEvidenceQuestion.all.map(\.column)
    }

    /// The sector's answers: one row for every authority, as `viewer` may read them.
    static func sectorCSV(viewer: Caller, store: RegistryStore) async throws -> String {
        let (seen, held) = try await store.callForEvidence.factsSeenAndHeld(authority: nil, viewer: viewer)
        var csv = CSVWriter(header: header)
        for authority in try await store.reference.authorities(inRegion: nil) {
            let named = [authority.code, authority.dfeCode, authority.name, authority.regionName]
            guard let holding = held[authority.code], holding.hasReturn else {
                csv.append(named + [noReturn] + Array(repeating: "", count: respondentColumns.count + CallForEvidenceQuestion.all.count))
                continue
            }
            let reading = seen.map { $0[authority.code] ?? .init() }
            let person = (reading ?? holding).respondent
            csv.append(
                named + [returned, person?.name ?? "", person?.email ?? "", person?.role ?? "", person.map { $0.consent ? "yes" : "no" } ?? ""]
                    + answers(readBy: reading, holding: holding).map(\.text))
        }
        return csv.text
    }

    /// The answers as a Markdown document someone can read, print or paste into the survey,
    /// opening with which questions are complete.
    static func markdown(
        authority: Authority, answers: [Answer], respondent: CallForEvidenceStore.AuthorityFacts, generatedOn: CalendarDate
    ) -> String {
        var text = "# Call for evidence: \(authority.name)\n\n"
        text += "Answers to DfE's call for evidence on AI and digital technology in children's social care, "
        text += "written from the registry on \(generatedOn). Authority \(authority.code) (DfE \(authority.dfeCode)), \(authority.regionName).\n\n"
        if let person = respondent.respondent {
            text += "**Respondent:** \(person.name), \(person.role ?? "role not given"), \(person.email). "
            text += person.consent ? "Agrees to be contacted.\n\n" : "Does not agree to be contacted.\n\n"
        }
        let complete = answers.filter(\.isComplete).count
        text += "**\(complete) of \(answers.count) questions complete.**\n\n| Question | Status |\n|---|---|\n"
        for (question, answer) in zip(CallForEvidenceQuestion.all, answers) {
            text += "| Q\(question.number). \(question.text) | \(statusLabel(answer.status)) |\n"
        }
        text += "\n"
        var area = ""
        for (question, answer) in zip(CallForEvidenceQuestion.all, answers) {
            if question.area != area {
                area = question.area
                text += "## \(area)\n\n"
            }
            text += "**Q\(question.number). \(question.text)**\n\n"
            switch answer.status {
            case .answered where answer.statements.count == 1: text += answer.statements[0].line + "\n\n"
            case .answered: text += answer.statements.map { "- \($0.line)\n" }.joined() + "\n"
            case .none: text += "None.\n\n"
            case .notRecorded: text += "_Not yet recorded. To answer it, record \(answer.toRecord ?? "it")._\n\n"
            case .notShared: text += "_Recorded in the registry but not shared with you._\n\n"
            }
        }
        return text
    }

    static func statusLabel(_ status: Answer.Status) -> String {
        switch status {
        case .answered: "Answered"
        case .none: "None"
        case .notRecorded: "Not yet recorded"
        case .notShared: "Not shared with you"
        }
    }
}

extension CallForEvidenceStore.AuthorityFacts {
    /// Whether the authority has recorded anything the answers are written from.
    var hasReturn: Bool { !pilots.isEmpty || singleView != nil || respondent != nil }
}
