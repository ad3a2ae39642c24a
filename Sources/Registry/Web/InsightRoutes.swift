import Foundation
import Hummingbird
import RegistryAPI

/// Adding a lesson or barrier to a pilot: what it made possible, what was learnt, what stood in
/// the way and what the authority asks of others. Each kind answers a call-for-evidence
/// question, so the answers are written here once. The lead authority records them, as the
/// API allows.
struct InsightRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/pilots/:pilot/lessons/new") { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let pilot = try await ManagedPilot.load(context.parameters.require("pilot"), caller: caller, store: store, leadOnly: true)
                else { return ManagedPilot.notFound(pages) }
                return form(pilot, .empty, errors: [])
            }
        }
        router.post("/manage/pilots/:pilot/lessons/new") { request, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, person in
                guard let pilot = try await ManagedPilot.load(context.parameters.require("pilot"), caller: caller, store: store, leadOnly: true)
                else { return ManagedPilot.notFound(pages) }
                let sent = try await WebForm.read(request)
                let answers = InsightForm(sent)
                return try await RecordSubmission(kind: "insight", store: store).save(
                    sent, answers: answers.answers, checked: answers.input(), person: person,
                    storeErrors: InsightForm.errors, then: "/manage/pilots/\(pilot.id)?added=lesson",
                    form: { form(pilot, answers, errors: $0) }
                ) { input in
                    try await store.insights.create(pilot: UUID(uuidString: pilot.id)!, input, context: try .signedIn(caller)).id
                }
            }
        }
    }

    private func form(_ pilot: Pilot, _ answers: InsightForm, errors: [PageRenderer.FieldError]) -> Response {
        Self.form(pages, pilot, answers, target: .new, errors: errors)
    }

    /// The lesson's form, to add one or change one; shared by both routes.
    static func form(
        _ pages: PageRenderer, _ pilot: Pilot, _ answers: InsightForm, target: RecordFormTarget, errors: [PageRenderer.FieldError]
    ) -> Response {
        func error(_ id: String) -> Any { errors.first { $0.fieldID == id }?.message ?? false }
        var values: [String: Any] = [
            "pilot": ["id": pilot.id, "title": pilot.title],
            "kinds": ChoiceList.radios("kind", InsightForm.kinds, chosen: answers.kind),
            "scopes": ChoiceList.radios("scope", InsightForm.scopes, chosen: answers.scope),
            "sharingLevels": ChoiceList.radios("sharing_level", PilotForm.sharingLevels, chosen: answers.sharing),
            "text": answers.text, "pilotSharing": ChoiceList.label(pilot.sharingLevel.rawValue, in: PilotForm.sharingLevels),
            "kindError": error("kind"), "textError": error("text"), "sharingError": error("sharing_level"),
            "scopeError": error("scope"),
        ]
        let title = target.apply(
            to: &values, pilot: pilot.id, segment: "lessons", adding: ("Add a lesson or barrier", "Save the lesson or barrier"),
            changing: "Change the lesson or barrier")
        return pages.page("lesson", title: title, values, errors: errors, status: errors.isEmpty ? .ok : .badRequest)
    }
}
