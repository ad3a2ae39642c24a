import Foundation
import Hummingbird
import RegistryAPI

/// Changing a registered pilot's details (name, origin, sharing level, the authorities taking
/// part, service areas, description), and the pilot's history. The
/// form carries the version it showed; a colleague's save made meanwhile is shown beside the
/// editor's answers instead of being overwritten. Only the lead authority changes a pilot.
struct PilotEditRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/pilots/:pilot/edit") { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let pilot = try await lead(context, caller) else { return ManagedPilot.notFound(pages) }
                return try await form(pilot, PilotEditForm(pilot), version: pilot.version, errors: [])
            }
        }
        router.post("/manage/pilots/:pilot/edit") { request, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let pilot = try await lead(context, caller) else { return ManagedPilot.notFound(pages) }
                let sent = try await WebForm.read(request)
                return try await save(PilotEditForm(sent), version: Int(sent.fields["version"] ?? ""), pilot: pilot, caller: caller)
            }
        }
        router.get("/manage/pilots/:pilot/delete") { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let pilot = try await lead(context, caller) else { return ManagedPilot.notFound(pages) }
                return try await deletion(pilot, changedMeanwhile: false)
            }
        }
        router.post("/manage/pilots/:pilot/delete") { request, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let pilot = try await lead(context, caller) else { return ManagedPilot.notFound(pages) }
                var write = try WriteContext.signedIn(caller)
                // Deleted only at the version the editor was shown; a form without one is stale.
                write.expectedVersion = Int(try await WebForm.read(request).fields["version"] ?? "") ?? -1
                do {
                    try await store.pilots.delete(UUID(uuidString: pilot.id)!, context: write)
                    return PageRenderer.redirect(to: "/manage?saved=pilot-deleted")
                } catch RegistryError.stale {
                    return try await deletion(try await store.pilots.get(UUID(uuidString: pilot.id)!, viewer: caller), changedMeanwhile: true)
                }
            }
        }
        router.get("/manage/pilots/:pilot/history") { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let pilot = try await ManagedPilot.load(context.parameters.require("pilot"), caller: caller, store: store)
                else { return ManagedPilot.notFound(pages) }
                let events = try await Page.all {
                    try await store.audit.list(.init(resource: AuditLog.Resource.pilot.rawValue, resourceID: UUID(uuidString: pilot.id)), page: $0, viewer: caller)
                }
                return pages.page(
                    "record-history", title: "History of the pilot",
                    ["record": "the pilot", "caption": pilot.title, "back": "/manage/pilots/\(pilot.id)", "entries": Self.history.entries(events)])
            }
        }
    }

    private func lead(_ context: some RequestContext, _ caller: Caller) async throws -> Pilot? {
        try await ManagedPilot.load(context.parameters.require("pilot"), caller: caller, store: store, leadOnly: true)
    }

    private func save(_ answers: PilotEditForm, version: Int?, pilot: Pilot, caller: Caller) async throws -> Response {
        let input: PilotInput
        switch answers.input(keeping: pilot) {
        case .failure(let invalid): return try await form(pilot, answers, version: version ?? pilot.version, errors: invalid.errors)
        case .success(let checked): input = checked
        }
        var context = try WriteContext.signedIn(caller)
        context.expectedVersion = version
        let id = UUID(uuidString: pilot.id)!
        do {
            _ = try await store.pilots.update(id, input, toolID: UUID(uuidString: pilot.toolId)!, context: context)
        } catch RegistryError.invalid(let issues) {
            return try await form(pilot, answers, version: version ?? pilot.version, errors: PilotForm.errors(issues))
        } catch RegistryError.stale {
            let now = try await store.pilots.get(id, viewer: caller)
            let names = try await store.reference.authorityNames()
            let conflict = VersionConflict(
                record: "this pilot", caption: now.title, saved: PilotEditForm(now).comparison(names: names),
                yours: answers.comparison(names: names),
                answers: answers.answers, version: now.version, action: "/manage/pilots/\(pilot.id)/edit",
                back: "/manage/pilots/\(pilot.id)")
            if !conflict.savedIsYours { return conflict.page(pages) }
        }
        return PageRenderer.redirect(to: "/manage/pilots/\(pilot.id)?added=details")
    }

    /// The pilot as it is now, and the question whether to delete it with its records.
    private func deletion(_ pilot: Pilot, changedMeanwhile: Bool) async throws -> Response {
        DeletionQuestion(
            title: "Delete this pilot?", record: "pilot", caption: pilot.title, back: "/manage/pilots/\(pilot.id)",
            consequence: "Its resourcing, assessments, evaluations and lessons go with it: none of them counts in your answers, "
                + "the statistics or the dashboards any more. The audit trail keeps what each said.",
            answers: PilotEditForm(pilot).comparison(names: try await store.reference.authorityNames()),
            version: pilot.version, action: "/manage/pilots/\(pilot.id)/delete"
        ).page(pages, changedMeanwhile: changedMeanwhile)
    }

    private func form(_ pilot: Pilot, _ answers: PilotEditForm, version: Int, errors: [PageRenderer.FieldError]) async throws -> Response {
        func error(_ id: String) -> Any { errors.first { $0.fieldID == id }?.message ?? false }
        let others = try await store.reference.authorityNames().filter { $0.key != pilot.leadAuthority }.sorted { $0.value < $1.value }
        return pages.page(
            "pilot-edit", title: "Change the pilot's details",
            [
                "pilot": ["id": pilot.id, "title": pilot.title], "pilotTitle": answers.title, "version": String(version),
                "origins": ChoiceList.radios("origin", PilotForm.origins, chosen: answers.origin),
                "sharingLevels": ChoiceList.radios("sharing_level", PilotForm.sharingLevels, chosen: answers.sharing),
                "participants": ChoiceList.checkboxes("participants", others.map { ($0.key, $0.value) }, chosen: answers.participants),
                "serviceAreas": ChoiceList.checkboxes("service_areas", PilotForm.serviceAreas, chosen: answers.serviceAreas),
                "description": answers.description,
                "titleError": error("title"), "originError": error("origin"), "sharingError": error("sharing_level"),
                "participantsError": error("participants"), "serviceAreasError": error("service_areas"),
                "descriptionError": error("description"),
            ],
            errors: errors, status: errors.isEmpty ? .ok : .badRequest)
    }

    /// The pilot's questions in its audit documents, answered in words.
    static let history = RecordHistory(
        questions: [
            ("title", "Name of the pilot"), ("phase", "Phase"), ("phase_since", "Phase since"),
            ("origin", "Where the tool came from"), ("sharing_level", "Who may read it"), ("tool_name", "Tool"),
            ("participants", "Authorities taking part"), ("service_areas", "Service areas"), ("description", "Description"),
        ],
        answer: { field, value in
            switch field {
            case "origin": ChoiceList.label(value, in: PilotForm.origins)
            case "sharing_level": ChoiceList.label(value, in: PilotForm.sharingLevels)
            case "phase": VocabularyLabel.label(value)
            case "phase_since": CalendarDate(value).map(DateText.long) ?? value
            default: value
            }
        })
}
