import Foundation
import Hummingbird
import RegistryAPI

/// Adding a resourcing line to a pilot: staff time and money, what they were for and who paid.
/// The store applies the API's rules and the editor's rights; the line is the editor's own
/// authority's when it takes part in a pilot another authority leads.
struct ResourcingRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/pilots/:pilot/resourcing/new") { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let pilot = try await ManagedPilot.load(context.parameters.require("pilot"), caller: caller, store: store)
                else { return ManagedPilot.notFound(pages) }
                return form(pilot, .empty, errors: [])
            }
        }
        router.post("/manage/pilots/:pilot/resourcing/new") { request, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, person in
                guard let pilot = try await ManagedPilot.load(context.parameters.require("pilot"), caller: caller, store: store)
                else { return ManagedPilot.notFound(pages) }
                let sent = try await WebForm.read(request)
                let answers = ResourcingForm(sent)
                return try await RecordSubmission(kind: "resourcing", store: store).save(
                    sent, answers: answers.answers,
                    checked: answers.input(authority: caller.role == .authorityEditor ? caller.authority : nil), person: person,
                    storeErrors: ResourcingForm.errors, then: "/manage/pilots/\(pilot.id)?added=resourcing",
                    form: { form(pilot, answers, errors: $0) }
                ) { input in
                    try await store.resourcing.create(pilot: UUID(uuidString: pilot.id)!, input, context: try .signedIn(caller)).id
                }
            }
        }
    }

    private func form(_ pilot: Pilot, _ answers: ResourcingForm, errors: [PageRenderer.FieldError]) -> Response {
        Self.form(pages, pilot, answers, target: .new, errors: errors)
    }

    /// The resourcing line's form, to add a line or change one; shared by both routes.
    static func form(
        _ pages: PageRenderer, _ pilot: Pilot, _ answers: ResourcingForm, target: RecordFormTarget, errors: [PageRenderer.FieldError]
    ) -> Response {
        func error(_ id: String) -> Any { errors.first { $0.fieldID == id }?.message ?? false }
        var values: [String: Any] = [
            "pilot": ["id": pilot.id, "title": pilot.title],
            "stages": ChoiceList.radios("stage", ResourcingForm.stages, chosen: answers.stage),
            "fundingSources": ChoiceList.radios("funding_source", ResourcingForm.fundingSources, chosen: answers.funding),
            "fte": answers.fte, "amount": answers.amount, "note": answers.note,
            "startDate": answers.start.field("start", inError: errors.contains { $0.fieldID == "start" }),
            "endDate": answers.end.field("end", inError: errors.contains { $0.fieldID == "end" }),
            "stageError": error("stage"), "fteError": error("fte"), "amountError": error("amount"),
            "startError": error("start"), "endError": error("end"), "noteError": error("note"),
        ]
        let title = target.apply(
            to: &values, pilot: pilot.id, segment: "resourcing", adding: ("Add a resourcing line", "Save the resourcing line"),
            changing: "Change the resourcing line")
        return pages.page("resourcing-line", title: title, values, errors: errors, status: errors.isEmpty ? .ok : .badRequest)
    }
}
