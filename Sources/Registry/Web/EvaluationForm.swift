import Foundation
import RegistryAPI

/// An evaluation as its form holds it: who evaluated, how, how far it got, what it found, and
/// up to `measureRows` measures with their baseline and result; and the `EvaluationInput` the
/// API would take. Rows left empty are not measures.
struct EvaluationForm: PilotRecordForm {
    struct MeasureRow: Sendable {
        var name = ""
        var unit = ""
        var baseline = ""
        var value = ""
        /// Kept, unseen, from a measure recorded through the API: the form does not ask it.
        var note = ""
    }

    var evaluator: String
    var design: String
    var status: String
    var outcome: String
    var findings: String
    var report: String
    var started: DateInput
    var completed: DateInput
    var measures: [MeasureRow]

    static let measureRows = 3
    static let evaluators: [(String, String)] = [
        ("internal", "Your authority"), ("external", "An independent evaluator"), ("provider", "The tool's provider"),
    ]
    static let designs = Components.Schemas.EvaluationDesign.allCases.map { ($0.rawValue, VocabularyLabel.label($0.rawValue)) }
    static let statuses = AssessmentForm.statuses
    static let outcomes = Components.Schemas.EvaluationOutcome.allCases.map { ($0.rawValue, VocabularyLabel.label($0.rawValue)) }

    init(_ form: WebForm) {
        evaluator = form.fields["evaluator"] ?? ""
        design = form.fields["design"] ?? ""
        status = form.fields["status"] ?? ""
        outcome = form.fields["outcome"] ?? ""
        findings = form.fields["findings"] ?? ""
        report = form.fields["report_url"] ?? ""
        started = DateInput(form.fields, name: "started")
        completed = DateInput(form.fields, name: "completed")
        // As many rows as were sent: a changed evaluation may have more measures than a new one.
        let sent = (0..<Self.mostRows).prefix { form.fields["measure-\($0)-name"] != nil }.count
        measures = (0..<max(Self.measureRows, sent)).map { row in
            func field(_ part: String) -> String { form.fields["measure-\(row)-\(part)"] ?? "" }
            return MeasureRow(name: field("name"), unit: field("unit"), baseline: field("baseline"), value: field("value"), note: field("note"))
        }
    }

    /// The form as the evaluation is saved, to change it: each measure in a row, and one row
    /// more to add a measure.
    init(_ evaluation: Evaluation) {
        func number(_ value: Double?) -> String { value.map { String(format: "%g", $0) } ?? "" }
        evaluator = evaluation.evaluator.rawValue
        design = evaluation.design?.rawValue ?? ""
        status = evaluation.status.rawValue
        outcome = evaluation.outcome?.rawValue ?? ""
        findings = evaluation.findings ?? ""
        report = evaluation.reportUrl ?? ""
        started = evaluation.startedOn.flatMap(CalendarDate.init).map(DateInput.init) ?? DateInput(day: "", month: "", year: "")
        completed = evaluation.completedOn.flatMap(CalendarDate.init).map(DateInput.init) ?? DateInput(day: "", month: "", year: "")
        let saved = (evaluation.measures ?? []).map {
            MeasureRow(name: $0.name, unit: $0.unit ?? "", baseline: number($0.baseline), value: number($0.value), note: $0.note ?? "")
        }
        measures = saved + Array(repeating: MeasureRow(), count: max(Self.measureRows - saved.count, 1))
    }

    static let mostRows = 50

    static let empty = EvaluationForm(WebForm(fields: [:], pairs: []))

    var answers: [(String, String)] {
        [("evaluator", evaluator), ("design", design), ("status", status), ("outcome", outcome), ("findings", findings),
         ("report_url", report)]
            + started.answers(named: "started")
            + completed.answers(named: "completed")
            + measures.enumerated().flatMap { row, measure in
                [("measure-\(row)-name", measure.name), ("measure-\(row)-unit", measure.unit),
                 ("measure-\(row)-baseline", measure.baseline), ("measure-\(row)-value", measure.value),
                 ("measure-\(row)-note", measure.note)]
            }
    }

    func input(authority: String?) -> Result<EvaluationInput, PilotForm.Invalid> {
        var errors: [PageRenderer.FieldError] = []
        let evaluator = Components.Schemas.Evaluator(rawValue: evaluator)
        let status = Components.Schemas.EvaluationStatus(rawValue: status)
        if evaluator == nil { errors.append(.init(fieldID: "evaluator", message: "Select who evaluated the pilot")) }
        if status == nil { errors.append(.init(fieldID: "status", message: "Select how far the evaluation has got")) }
        let startedOn = DateInput.optional(started, "the date it started", field: "started", into: &errors)
        let completedOn = DateInput.optional(completed, "the date it was completed", field: "completed", into: &errors)
        var measures: [Measure] = []
        for (row, typed) in self.measures.enumerated() {
            let trimmed = [typed.name, typed.unit, typed.baseline, typed.value].map { $0.trimmingCharacters(in: .whitespaces) }
            if trimmed.allSatisfy(\.isEmpty) { continue }
            let baseline = trimmed[2].isEmpty ? nil : Double(trimmed[2])
            let value = trimmed[3].isEmpty ? nil : Double(trimmed[3])
            if !trimmed[2].isEmpty && baseline == nil {
                errors.append(.init(fieldID: "measure-\(row)-baseline", message: "The value before the pilot of measure \(row + 1) must be a number"))
            }
            if !trimmed[3].isEmpty && value == nil {
                errors.append(.init(fieldID: "measure-\(row)-value", message: "The result of measure \(row + 1) must be a number"))
            }
            measures.append(Measure(
                name: trimmed[0], unit: trimmed[1].isEmpty ? nil : trimmed[1], baseline: baseline, value: value,
                note: typed.note.isEmpty ? nil : typed.note))
        }
        guard errors.isEmpty, let evaluator, let status else { return .failure(.init(errors: errors)) }
        let findings = findings.trimmingCharacters(in: .whitespacesAndNewlines)
        let report = report.trimmingCharacters(in: .whitespaces)
        let input = EvaluationInput(
            authority: authority, evaluator: evaluator, design: .init(rawValue: design), status: status,
            outcome: .init(rawValue: outcome), findings: findings.isEmpty ? nil : findings, reportUrl: report.isEmpty ? nil : report,
            startedOn: startedOn?.description, completedOn: completedOn?.description, measures: measures.isEmpty ? nil : measures)
        do {
            try input.validate()
        } catch RegistryError.invalid(let issues) {
            return .failure(.init(errors: Self.errors(issues, rows: self.measures)))
        } catch {
            return .failure(.init(errors: [.init(fieldID: "evaluator", message: String(describing: error))]))
        }
        return .success(input)
    }

    /// The saved evaluation's authority and sharing level are kept: the form asks neither.
    func input(replacing evaluation: Evaluation) -> Result<EvaluationInput, PilotForm.Invalid> {
        input(authority: evaluation.authority).map { input in
            var kept = input
            kept.sharingLevel = evaluation.sharingLevel
            return kept
        }
    }

    var comparison: [(question: String, answer: String)] {
        func label(_ code: String, _ options: [(String, String)]) -> String { code.isEmpty ? "" : ChoiceList.label(code, in: options) }
        func date(_ input: DateInput) -> String { (try? input.read("").get()).map(DateText.long) ?? "" }
        let measured = measures.filter { !$0.name.trimmingCharacters(in: .whitespaces).isEmpty }.map { measure in
            "\(measure.name): \(measure.baseline.isEmpty ? "?" : measure.baseline) to \(measure.value.isEmpty ? "?" : measure.value)"
                + (measure.unit.isEmpty ? "" : " \(measure.unit)")
        }
        return [
            ("Who evaluated it", label(evaluator, Self.evaluators)), ("How", label(design, Self.designs)),
            ("How far it has got", label(status, Self.statuses)), ("Outcome", label(outcome, Self.outcomes)),
            ("Findings", findings), ("Link to the report", report), ("Started", date(started)), ("Completed", date(completed)),
            ("Measures", measured.joined(separator: "; ")),
        ]
    }

    func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] { Self.errors(issues, rows: measures) }

    /// The API's field names at the form's fields; a measure's index counts only the rows filled.
    static func errors(_ issues: [FieldIssue], rows: [MeasureRow]) -> [PageRenderer.FieldError] {
        let filled = rows.indices.filter { row in
            ![rows[row].name, rows[row].unit, rows[row].baseline, rows[row].value].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        var fields: [String: (id: String, name: String)] = [
            "evaluator": ("evaluator", "Who evaluated it"), "status": ("status", "How far it has got"),
            "outcome": ("outcome", "The outcome"), "findings": ("findings", "The findings"),
            "report_url": ("report_url", "The link to the report"), "started_on": ("started", "The date it started"),
            "completed_on": ("completed", "The date it was completed"), "authority": ("evaluator", "Your authority"),
        ]
        for (index, row) in filled.enumerated() {
            for (part, words) in [("name", "What was measured"), ("unit", "The unit"), ("baseline", "The value before the pilot"), ("value", "The result")] {
                fields["measures[\(index)].\(part)"] = ("measure-\(row)-\(part)", "\(words) of measure \(row + 1)")
            }
        }
        return PageRenderer.FieldError.from(
            issues.map { FieldIssue(field: $0.field, message: $0.message.replacingOccurrences(of: "started_on", with: "the date it started")) },
            fields: fields)
    }
}
