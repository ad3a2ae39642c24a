import Foundation
import RegistryAPI

/// A lesson or barrier as its form holds it: what kind (each answers a call-for-evidence
/// question), how far it reaches, the text and who may read it; and the `InsightInput` the API
/// would take.
struct InsightForm: PilotRecordForm {
    var kind: String
    var scope: String
    var text: String
    var sharing: String

    static let kinds: [(String, String)] = [
        ("impact", "What difference it made (questions 3 and 9)"), ("key_learning", "A lesson learnt (question 10)"),
        ("help_needed", "Help you need (question 11)"), ("barrier", "A barrier you met (question 15)"),
        ("implementation_support", "The most important thing done to make it work (question 16)"),
        ("ask_of_government", "What you ask of government (question 17)"), ("suggestion", "A suggestion (question 18)"),
    ]
    static let scopes: [(String, String)] = [
        ("local", "Your authority"), ("regional", "Your region"), ("national", "All of England"),
    ]

    init(_ form: WebForm) {
        kind = form.fields["kind"] ?? ""
        scope = form.fields["scope"] ?? ""
        text = form.fields["text"] ?? ""
        sharing = form.fields["sharing_level"] ?? ""
    }

    static let empty = InsightForm(WebForm(fields: [:], pairs: []))

    /// The form as the lesson is saved, to change it.
    init(_ insight: Insight) {
        kind = insight.kind.rawValue
        scope = insight.scope?.rawValue ?? ""
        text = insight.text
        sharing = insight.sharingLevel.rawValue
    }

    var comparison: [(question: String, answer: String)] {
        [("What it is about", kind.isEmpty ? "" : ChoiceList.label(kind, in: Self.kinds)),
         ("How far it reaches", scope.isEmpty ? "" : ChoiceList.label(scope, in: Self.scopes)), ("In your words", text),
         ("Who may read it", sharing.isEmpty ? "" : ChoiceList.label(sharing, in: PilotForm.sharingLevels))]
    }

    func input(replacing insight: Insight) -> Result<InsightInput, PilotForm.Invalid> { input() }

    func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] { Self.errors(issues) }

    var answers: [(String, String)] {
        [("kind", kind), ("scope", scope), ("text", text), ("sharing_level", sharing)]
    }

    /// The insight as the API takes it, or every problem at its field.
    func input() -> Result<InsightInput, PilotForm.Invalid> {
        var errors: [PageRenderer.FieldError] = []
        let kind = Components.Schemas.InsightKind(rawValue: kind)
        if kind == nil { errors.append(.init(fieldID: "kind", message: "Select what it is about")) }
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { errors.append(.init(fieldID: "text", message: "Enter what you learnt or met")) }
        guard errors.isEmpty, let kind else { return .failure(.init(errors: errors)) }
        let input = InsightInput(
            kind: kind, scope: Components.Schemas.InsightScope(rawValue: scope), text: text,
            sharingLevel: Components.Schemas.SharingLevel(rawValue: sharing))
        do {
            try input.validate()
        } catch RegistryError.invalid(let issues) {
            return .failure(.init(errors: Self.errors(issues)))
        } catch {
            return .failure(.init(errors: [.init(fieldID: "text", message: String(describing: error))]))
        }
        return .success(input)
    }

    /// The API's field names at the form's fields, for its rules and the store's.
    static func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] {
        PageRenderer.FieldError.from(
            issues,
            fields: [
                "kind": ("kind", "What it is about"), "text": ("text", "The text"),
                "sharing_level": ("sharing_level", "Who may read it"), "scope": ("scope", "How far it reaches"),
            ])
    }
}
