import Foundation
import RegistryAPI

/// A risk or ethics assessment as its form holds it (what kind, how far it got, the principles
/// it weighed, the safeguards in place and the risks it found), and the `AssessmentInput` the
/// API would take.
struct AssessmentForm: PilotRecordForm {
    var kind: String
    var status: String
    var completed: DateInput
    var principles: [String]
    var safeguards: [String]
    var risks: [String]
    var summary: String
    var link: String

    static let kinds = Components.Schemas.AssessmentKind.allCases.map { ($0.rawValue, VocabularyLabel.label($0.rawValue)) }
    static let statuses: [(String, String)] = [("planned", "Planned"), ("under_way", "Under way"), ("completed", "Completed")]
    static let principles = Components.Schemas.EthicsPrinciple.allCases.map { ($0.rawValue, VocabularyLabel.label($0.rawValue)) }
    static let safeguards = Components.Schemas.Safeguard.allCases.map { ($0.rawValue, VocabularyLabel.label($0.rawValue)) }
    static let risks = Components.Schemas.Risk.allCases.map { ($0.rawValue, VocabularyLabel.label($0.rawValue)) }

    init(_ form: WebForm) {
        kind = form.fields["kind"] ?? ""
        status = form.fields["status"] ?? ""
        completed = DateInput(form.fields, name: "completed")
        principles = form.all("principles")
        safeguards = form.all("safeguards")
        risks = form.all("risks")
        summary = form.fields["summary"] ?? ""
        link = form.fields["link"] ?? ""
    }

    static let empty = AssessmentForm(WebForm(fields: [:], pairs: []))

    /// The form as the assessment is saved, to change it.
    init(_ assessment: Assessment) {
        kind = assessment.kind.rawValue
        status = assessment.status.rawValue
        completed = assessment.completedOn.flatMap(CalendarDate.init).map(DateInput.init) ?? DateInput(day: "", month: "", year: "")
        principles = (assessment.principles ?? []).map(\.rawValue)
        safeguards = (assessment.safeguards ?? []).map(\.rawValue)
        risks = (assessment.risks ?? []).map(\.rawValue)
        summary = assessment.summary ?? ""
        link = assessment.link ?? ""
    }

    var comparison: [(question: String, answer: String)] {
        func labels(_ chosen: [String], _ options: [(String, String)]) -> String {
            chosen.map { ChoiceList.label($0, in: options) }.joined(separator: ", ")
        }
        return [
            ("Kind", kind.isEmpty ? "" : ChoiceList.label(kind, in: Self.kinds)),
            ("How far it has got", status.isEmpty ? "" : ChoiceList.label(status, in: Self.statuses)),
            ("Completed on", (try? completed.read("").get()).map(DateText.long) ?? ""),
            ("Principles weighed", labels(principles, Self.principles)), ("Safeguards", labels(safeguards, Self.safeguards)),
            ("Risks found", labels(risks, Self.risks)), ("Summary", summary), ("Link", link),
        ]
    }

    /// The saved assessment's sharing level is kept: the form does not ask it, and an
    /// assessment shared less widely than its pilot must stay so.
    func input(replacing assessment: Assessment) -> Result<AssessmentInput, PilotForm.Invalid> {
        input().map { input in
            var kept = input
            kept.sharingLevel = assessment.sharingLevel
            return kept
        }
    }

    var answers: [(String, String)] {
        [("kind", kind), ("status", status), ("summary", summary), ("link", link)]
            + completed.answers(named: "completed")
            + principles.map { ("principles", $0) } + safeguards.map { ("safeguards", $0) } + risks.map { ("risks", $0) }
    }

    func input() -> Result<AssessmentInput, PilotForm.Invalid> {
        var errors: [PageRenderer.FieldError] = []
        let kind = Components.Schemas.AssessmentKind(rawValue: kind)
        let status = Components.Schemas.AssessmentStatus(rawValue: status)
        if kind == nil { errors.append(.init(fieldID: "kind", message: "Select the kind of assessment")) }
        if status == nil { errors.append(.init(fieldID: "status", message: "Select how far the assessment has got")) }
        let completedOn = DateInput.optional(completed, "the date it was completed", field: "completed", into: &errors)
        guard errors.isEmpty, let kind, let status else { return .failure(.init(errors: errors)) }
        let summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        let link = link.trimmingCharacters(in: .whitespaces)
        let input = AssessmentInput(
            kind: kind, status: status, completedOn: completedOn?.description,
            principles: principles.compactMap(Components.Schemas.EthicsPrinciple.init(rawValue:)),
            safeguards: safeguards.compactMap(Components.Schemas.Safeguard.init(rawValue:)),
            risks: risks.compactMap(Components.Schemas.Risk.init(rawValue:)),
            summary: summary.isEmpty ? nil : summary, link: link.isEmpty ? nil : link)
        do {
            try input.validate()
        } catch RegistryError.invalid(let issues) {
            return .failure(.init(errors: Self.errors(issues)))
        } catch {
            return .failure(.init(errors: [.init(fieldID: "kind", message: String(describing: error))]))
        }
        return .success(input)
    }

    func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] { Self.errors(issues) }

    static func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] {
        PageRenderer.FieldError.from(
            issues,
            fields: [
                "kind": ("kind", "The kind of assessment"), "status": ("status", "How far it has got"),
                "completed_on": ("completed", "The date it was completed"), "principles": ("principles", "The principles"),
                "safeguards": ("safeguards", "The safeguards"), "risks": ("risks", "The risks"),
                "summary": ("summary", "The summary"), "link": ("link", "The link"),
            ])
    }
}
