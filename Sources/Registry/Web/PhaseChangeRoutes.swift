import Foundation
import Hummingbird
import RegistryAPI

/// Moving a pilot to another phase, dated, with the reasons when it stopped: the page the
/// home's "Change phase" links to. The store applies the phase history's rules and the
/// editor's rights, exactly as for the API.
struct PhaseChangeRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/pilots/:pilot/phase") { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let pilot = try await pilot(context.parameters.require("pilot"), caller: caller) else { return notFound() }
                return form(pilot, PhaseChangeForm(phase: "", since: DateInput(day: "", month: "", year: ""), reasons: [], note: ""), errors: [])
            }
        }
        router.post("/manage/pilots/:pilot/phase") { request, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, person in
                guard let pilot = try await pilot(context.parameters.require("pilot"), caller: caller) else { return notFound() }
                let sent = try await WebForm.read(request)
                let answers = PhaseChangeForm(sent)
                return try await RecordSubmission(kind: "phase", store: store).save(
                    sent, answers: answers.answers, checked: answers.input(), person: person,
                    storeErrors: PhaseChangeForm.errors, then: "/manage?changed=\(pilot.id)",
                    form: { form(pilot, answers, errors: $0) }
                ) { input in
                    try await store.pilots.changePhase(of: UUID(uuidString: pilot.id)!, input, context: try .signedIn(caller)).id
                }
            }
        }
    }

    /// Only the lead authority moves a pilot through its phases.
    private func pilot(_ id: String, caller: Caller) async throws -> Pilot? {
        try await ManagedPilot.load(id, caller: caller, store: store, leadOnly: true)
    }

    private func form(_ pilot: Pilot, _ answers: PhaseChangeForm, errors: [PageRenderer.FieldError]) -> Response {
        func error(_ id: String) -> Any { errors.first { $0.fieldID == id }?.message ?? false }
        let phases = ChoiceList.radios(
            "phase", Components.Schemas.Phase.allCases.filter { $0 != pilot.phase }.map { ($0.rawValue, VocabularyLabel.label($0.rawValue)) },
            chosen: answers.phase)
        let since = CalendarDate(pilot.phaseSince).map(DateText.long) ?? pilot.phaseSince
        return pages.page(
            "phase-change", title: "What phase is the pilot in now?",
            [
                "pilot": ["id": pilot.id, "title": pilot.title],
                "current": "\(VocabularyLabel.label(pilot.phase.rawValue)), since \(since)",
                "phases": phases, "reasons": ChoiceList.checkboxes("reasons", PhaseChangeForm.reasons, chosen: answers.reasons), "sinceDate": answers.since.field("since", inError: errors.contains { $0.fieldID == "since" }), "note": answers.note,
                "phaseError": error("phase"), "sinceError": error("since"), "reasonsError": error("reasons"),
                "noteError": error("note"), "submission": UUID().uuidString.lowercased(),
            ],
            errors: errors, status: errors.isEmpty ? .ok : .badRequest)
    }

    private func notFound() -> Response { ManagedPilot.notFound(pages) }
}
