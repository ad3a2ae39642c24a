import Foundation
import Hummingbird
import RegistryAPI

/// Changing or deleting one of a pilot's records, and its history. The form carries the version
/// it showed; when someone saved the record meanwhile, the editor sees both versions side by
/// side (`VersionConflict`) and may save theirs over the new one, and a deletion asks again
/// with the record as it is now. A second click on "Save" finds its own answers saved and is
/// not a conflict.
struct PilotRecordEditRoutes<Form: PilotRecordForm>: Sendable {
    let pages: PageRenderer
    let store: RegistryStore
    /// Where the records sit under a pilot's address: `resourcing`, `assessments`.
    let segment: String
    /// The record in words: "resourcing line".
    let record: String
    let resource: AuditLog.Resource
    /// Whether only the lead authority changes it, as the API allows.
    let leadOnly: Bool
    let history: RecordHistory
    let records: Records
    /// The record's form in its "change" state.
    let form: @Sendable (Pilot, Form, RecordFormTarget, [PageRenderer.FieldError]) -> Response

    /// What the routes need from the record's store, in the caller's name.
    struct Records: Sendable {
        var get: @Sendable (_ pilot: UUID, _ id: UUID, Caller) async throws -> Form.Record
        var update: @Sendable (_ pilot: UUID, _ id: UUID, Form.Input, WriteContext) async throws -> Void
        var delete: @Sendable (_ pilot: UUID, _ id: UUID, WriteContext) async throws -> Void
    }

    func register<Context: RequestContext>(on router: Router<Context>) {
        let base = "/manage/pilots/:pilot/\(segment)/:record"
        router.get(RouterPath(base + "/edit")) { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let (pilot, saved) = try await find(context, caller: caller, editing: true) else { return ManagedPilot.notFound(pages) }
                return form(pilot, Form(saved), .saved(id: saved.id, version: saved.version), [])
            }
        }
        router.post(RouterPath(base + "/edit")) { request, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let (pilot, saved) = try await find(context, caller: caller, editing: true) else { return ManagedPilot.notFound(pages) }
                let sent = try await WebForm.read(request)
                return try await save(Form(sent), version: Int(sent.fields["version"] ?? ""), pilot: pilot, saved: saved, caller: caller)
            }
        }
        router.get(RouterPath(base + "/delete")) { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let (pilot, saved) = try await find(context, caller: caller, editing: true) else { return ManagedPilot.notFound(pages) }
                return confirmation(pilot, saved, changedMeanwhile: false)
            }
        }
        router.post(RouterPath(base + "/delete")) { request, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let (pilot, saved) = try await find(context, caller: caller, editing: true) else { return ManagedPilot.notFound(pages) }
                var deletion = try WriteContext.signedIn(caller)
                deletion.expectedVersion = Int(try await WebForm.read(request).fields["version"] ?? "")
                do {
                    try await records.delete(UUID(uuidString: pilot.id)!, UUID(uuidString: saved.id)!, deletion)
                } catch RegistryError.stale {
                    let now = try await records.get(UUID(uuidString: pilot.id)!, UUID(uuidString: saved.id)!, caller)
                    return confirmation(pilot, now, changedMeanwhile: true)
                } catch RegistryError.forbidden {
                    return pages.notForYourRole("You cannot delete this \(record)", "It belongs to another authority taking part in the pilot.")
                }
                return PageRenderer.redirect(to: "/manage/pilots/\(pilot.id)?added=deleted-\(segment)")
            }
        }
        router.get(RouterPath(base + "/history")) { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let (pilot, saved) = try await find(context, caller: caller, editing: false) else { return ManagedPilot.notFound(pages) }
                let events = try await Page.all {
                    try await store.audit.list(.init(resource: resource.rawValue, resourceID: UUID(uuidString: saved.id)), page: $0, viewer: caller)
                }
                return pages.page(
                    "record-history", title: "History of the \(record)",
                    ["record": "the \(record)", "caption": pilot.title, "back": "/manage/pilots/\(pilot.id)",
                     "entries": history.entries(events)])
            }
        }
    }

    /// The pilot and its record from the page's address, if the caller may change (or, for the
    /// history, read as an editor of) them.
    private func find(_ context: some RequestContext, caller: Caller, editing: Bool) async throws -> (Pilot, Form.Record)? {
        guard let pilot = try await ManagedPilot.load(
                context.parameters.require("pilot"), caller: caller, store: store, leadOnly: editing && leadOnly),
            let id = UUID(uuidString: try context.parameters.require("record")),
            let saved = try? await records.get(UUID(uuidString: pilot.id)!, id, caller)
        else { return nil }
        return (pilot, saved)
    }

    /// The record as it is now, and the question whether to delete it, at the version shown.
    private func confirmation(_ pilot: Pilot, _ saved: Form.Record, changedMeanwhile: Bool) -> Response {
        DeletionQuestion(
            title: "Delete this \(record)?", record: record, caption: pilot.title, back: "/manage/pilots/\(pilot.id)",
            consequence: "It stops counting in your answers and the statistics at once. The audit trail keeps what it said.",
            answers: Form(saved).comparison, version: saved.version, action: "/manage/pilots/\(pilot.id)/\(segment)/\(saved.id)/delete"
        ).page(pages, changedMeanwhile: changedMeanwhile)
    }

    private func save(_ answers: Form, version: Int?, pilot: Pilot, saved: Form.Record, caller: Caller) async throws -> Response {
        let target = RecordFormTarget.saved(id: saved.id, version: version ?? saved.version)
        let input: Form.Input
        switch answers.input(replacing: saved) {
        case .failure(let invalid): return form(pilot, answers, target, invalid.errors)
        case .success(let checked): input = checked
        }
        var context = try WriteContext.signedIn(caller)
        context.expectedVersion = version
        let pilotID = UUID(uuidString: pilot.id)!, id = UUID(uuidString: saved.id)!
        do {
            try await records.update(pilotID, id, input, context)
        } catch RegistryError.invalid(let issues) {
            return form(pilot, answers, target, answers.errors(issues))
        } catch RegistryError.forbidden {
            // A record of another authority taking part in the pilot: its editors change it.
            return pages.notForYourRole("You cannot change this \(record)", "It belongs to another authority taking part in the pilot.")
        } catch RegistryError.stale {
            let now = try await records.get(pilotID, id, caller)
            let conflict = VersionConflict(
                record: "this \(record)", caption: pilot.title, saved: Form(now).comparison, yours: answers.comparison,
                answers: answers.answers, version: now.version, action: "/manage/pilots/\(pilot.id)/\(segment)/\(saved.id)/edit",
                back: "/manage/pilots/\(pilot.id)")
            if !conflict.savedIsYours { return conflict.page(pages) }
        }
        return PageRenderer.redirect(to: "/manage/pilots/\(pilot.id)?added=changed-\(segment)")
    }
}
