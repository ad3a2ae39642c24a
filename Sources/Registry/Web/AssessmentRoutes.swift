import Foundation
import Hummingbird
import RegistryAPI

/// Adding a risk or ethics assessment to a pilot. Only the lead authority records them, as the
/// API allows; the store audits each one.
struct AssessmentRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/pilots/:pilot/assessments/new") { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let pilot = try await pilot(context.parameters.require("pilot"), caller: caller) else { return ManagedPilot.notFound(pages) }
                return form(pilot, .empty, errors: [])
            }
        }
        router.post("/manage/pilots/:pilot/assessments/new") { request, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, person in
                guard let pilot = try await pilot(context.parameters.require("pilot"), caller: caller) else { return ManagedPilot.notFound(pages) }
                let sent = try await WebForm.read(request)
                let answers = AssessmentForm(sent)
                return try await RecordSubmission(kind: "assessment", store: store).save(
                    sent, answers: answers.answers, checked: answers.input(), person: person,
                    storeErrors: AssessmentForm.errors, then: "/manage/pilots/\(pilot.id)?added=assessment",
                    form: { form(pilot, answers, errors: $0) }
                ) { input in
                    try await store.assessments.create(pilot: UUID(uuidString: pilot.id)!, input, context: try .signedIn(caller)).id
                }
            }
        }
    }

    private func pilot(_ id: String, caller: Caller) async throws -> Pilot? {
        try await ManagedPilot.load(id, caller: caller, store: store, leadOnly: true)
    }

    private func form(_ pilot: Pilot, _ answers: AssessmentForm, errors: [PageRenderer.FieldError]) -> Response {
        Self.form(pages, pilot, answers, target: .new, errors: errors)
    }

    /// The assessment's form, to add one or change one; shared by both routes.
    static func form(
        _ pages: PageRenderer, _ pilot: Pilot, _ answers: AssessmentForm, target: RecordFormTarget, errors: [PageRenderer.FieldError]
    ) -> Response {
        func error(_ id: String) -> Any { errors.first { $0.fieldID == id }?.message ?? false }
        var values: [String: Any] = [
            "pilot": ["id": pilot.id, "title": pilot.title],
            "kinds": ChoiceList.radios("kind", AssessmentForm.kinds, chosen: answers.kind),
            "statuses": ChoiceList.radios("status", AssessmentForm.statuses, chosen: answers.status),
            "principles": ChoiceList.checkboxes("principles", AssessmentForm.principles, chosen: answers.principles),
            "safeguards": ChoiceList.checkboxes("safeguards", AssessmentForm.safeguards, chosen: answers.safeguards),
            "risks": ChoiceList.checkboxes("risks", AssessmentForm.risks, chosen: answers.risks),
            "completedDate": answers.completed.field("completed", inError: errors.contains { $0.fieldID == "completed" }),
            "summary": answers.summary, "link": answers.link,
            "kindError": error("kind"), "statusError": error("status"), "completedError": error("completed"),
            "summaryError": error("summary"), "linkError": error("link"),
        ]
        let title = target.apply(
            to: &values, pilot: pilot.id, segment: "assessments", adding: ("Add a risk or ethics assessment", "Save the assessment"),
            changing: "Change the assessment")
        return pages.page("assessment", title: title, values, errors: errors, status: errors.isEmpty ? .ok : .badRequest)
    }
}
