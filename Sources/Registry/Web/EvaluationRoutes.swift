import Foundation
import Hummingbird
import RegistryAPI

/// Adding an evaluation, with its measures, to a pilot. An authority taking part in another's
/// pilot records its own; the store applies the API's rules and audits it.
struct EvaluationRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/pilots/:pilot/evaluations/new") { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let pilot = try await ManagedPilot.load(context.parameters.require("pilot"), caller: caller, store: store)
                else { return ManagedPilot.notFound(pages) }
                return form(pilot, .empty, errors: [])
            }
        }
        router.post("/manage/pilots/:pilot/evaluations/new") { request, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, person in
                guard let pilot = try await ManagedPilot.load(context.parameters.require("pilot"), caller: caller, store: store)
                else { return ManagedPilot.notFound(pages) }
                let sent = try await WebForm.read(request)
                let answers = EvaluationForm(sent)
                return try await RecordSubmission(kind: "evaluation", store: store).save(
                    sent, answers: answers.answers,
                    checked: answers.input(authority: caller.role == .authorityEditor ? caller.authority : nil), person: person,
                    storeErrors: { EvaluationForm.errors($0, rows: answers.measures) }, then: "/manage/pilots/\(pilot.id)?added=evaluation",
                    form: { form(pilot, answers, errors: $0) }
                ) { input in
                    try await store.evaluations.create(pilot: UUID(uuidString: pilot.id)!, input, context: try .signedIn(caller)).id
                }
            }
        }
    }

    private func form(_ pilot: Pilot, _ answers: EvaluationForm, errors: [PageRenderer.FieldError]) -> Response {
        Self.form(pages, pilot, answers, target: .new, errors: errors)
    }

    /// The evaluation's form, to add one or change one; shared by both routes.
    static func form(
        _ pages: PageRenderer, _ pilot: Pilot, _ answers: EvaluationForm, target: RecordFormTarget, errors: [PageRenderer.FieldError]
    ) -> Response {
        func error(_ id: String) -> Any { errors.first { $0.fieldID == id }?.message ?? false }
        let measures = answers.measures.enumerated().map { row, measure -> [String: Any] in
            var values: [String: Any] = [
                "row": row, "number": row + 1, "name": measure.name, "unit": measure.unit, "baseline": measure.baseline,
                "value": measure.value, "note": measure.note, "hasNote": !measure.note.isEmpty,
            ]
            for part in ["name", "unit", "baseline", "value"] { values["\(part)Error"] = error("measure-\(row)-\(part)") }
            values["hasError"] = ["name", "unit", "baseline", "value"].contains { values["\($0)Error"] is String }
            return values
        }
        var values: [String: Any] = [
                "pilot": ["id": pilot.id, "title": pilot.title],
                "evaluators": ChoiceList.radios("evaluator", EvaluationForm.evaluators, chosen: answers.evaluator),
                "designs": ChoiceList.radios("design", EvaluationForm.designs, chosen: answers.design),
                "statuses": ChoiceList.radios("status", EvaluationForm.statuses, chosen: answers.status),
                "outcomes": ChoiceList.radios("outcome", EvaluationForm.outcomes, chosen: answers.outcome),
                "startedDate": answers.started.field("started", inError: errors.contains { $0.fieldID == "started" }),
                "completedDate": answers.completed.field("completed", inError: errors.contains { $0.fieldID == "completed" }),
                "findings": answers.findings, "report": answers.report, "measures": measures,
                "evaluatorError": error("evaluator"), "statusError": error("status"), "outcomeError": error("outcome"),
                "startedError": error("started"), "completedError": error("completed"), "findingsError": error("findings"),
                "reportError": error("report_url"),
            ]
        let title = target.apply(
            to: &values, pilot: pilot.id, segment: "evaluations", adding: ("Add an evaluation", "Save the evaluation"),
            changing: "Change the evaluation")
        return pages.page("evaluation", title: title, values, errors: errors, status: errors.isEmpty ? .ok : .badRequest)
    }
}
