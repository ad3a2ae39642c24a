import Foundation
import RegistryAPI

/// A pilot's move to another phase as the form holds it, and the `PhaseChangeInput` the API
/// would take for it.
struct PhaseChangeForm: Sendable {
    var phase: String
    var since: DateInput
    var reasons: [String]
    var note: String

    static let reasons: [(String, String)] = Components.Schemas.DiscontinuationReason.allCases.map {
        ($0.rawValue, VocabularyLabel.label($0.rawValue))
    }

    init(phase: String, since: DateInput, reasons: [String], note: String) {
        self.phase = phase
        self.since = since
        self.reasons = reasons
        self.note = note
    }

    init(_ form: WebForm) {
        self.init(
            phase: form.fields["phase"] ?? "", since: DateInput(form.fields, name: "since"),
            reasons: form.all("reasons"), note: form.fields["note"] ?? "")
    }

    var answers: [(String, String)] {
        [("phase", phase)] + since.answers(named: "since") + [("note", note)]
            + reasons.map { ("reasons", $0) }
    }

    func input() -> Result<PhaseChangeInput, PilotForm.Invalid> {
        var errors: [PageRenderer.FieldError] = []
        let phase = Components.Schemas.Phase(rawValue: phase)
        if phase == nil { errors.append(.init(fieldID: "phase", message: "Select the phase the pilot is in now")) }
        var date: CalendarDate?
        switch since.read("the date it changed") {
        case .success(let read): date = read
        case .failure(let problem): errors.append(.init(fieldID: "since", message: problem.message))
        }
        let reasons = self.reasons.compactMap(Components.Schemas.DiscontinuationReason.init(rawValue:))
        guard errors.isEmpty, let phase, let date else { return .failure(.init(errors: errors)) }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        let input = PhaseChangeInput(
            phase: phase, effectiveOn: date.description, reasons: reasons.isEmpty ? nil : reasons, note: note.isEmpty ? nil : note)
        do {
            try input.validate()
        } catch RegistryError.invalid(let issues) {
            return .failure(.init(errors: Self.errors(issues)))
        } catch {
            return .failure(.init(errors: [.init(fieldID: "phase", message: String(describing: error))]))
        }
        return .success(input)
    }

    /// The API's field names at the form's fields, for its rules and the store's.
    static func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] {
        PageRenderer.FieldError.from(
            issues,
            fields: [
                "phase": ("phase", "The phase"), "effective_on": ("since", "The date it changed"),
                "reasons": ("reasons", "The reasons"), "note": ("note", "The note"),
            ])
    }
}
