import Foundation
import Hummingbird
import RegistryAPI

/// Changing a resourcing line, and its history. The form carries the version it showed; when
/// someone saved the line meanwhile, the editor sees both versions side by side and may save
/// theirs over the new one. The line stays with the authority it belongs to.
struct ResourcingEditRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/pilots/:pilot/resourcing/:line/edit") { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let (pilot, line) = try await ManagedPilot.resourcingLine(context, caller: caller, store: store)
                else { return ManagedPilot.notFound(pages) }
                return ResourcingRoutes.form(pages, pilot, ResourcingForm(line), target: .line(id: line.id, version: line.version), errors: [])
            }
        }
        router.post("/manage/pilots/:pilot/resourcing/:line/edit") { request, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let (pilot, line) = try await ManagedPilot.resourcingLine(context, caller: caller, store: store)
                else { return ManagedPilot.notFound(pages) }
                let sent = try await WebForm.read(request)
                return try await save(ResourcingForm(sent), version: Int(sent.fields["version"] ?? ""), pilot: pilot, line: line, caller: caller)
            }
        }
        router.get("/manage/pilots/:pilot/resourcing/:line/history") { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let (pilot, line) = try await ManagedPilot.resourcingLine(context, caller: caller, store: store)
                else { return ManagedPilot.notFound(pages) }
                let events = try await Page.all {
                    try await store.audit.list(.init(resource: AuditLog.Resource.resourcingLine.rawValue, resourceID: UUID(uuidString: line.id)), page: $0, viewer: caller)
                }
                return pages.page(
                    "record-history", title: "History of the resourcing line",
                    ["record": "the resourcing line", "caption": pilot.title, "back": "/manage/pilots/\(pilot.id)",
                     "entries": Self.history.entries(events)])
            }
        }
    }

    private func save(_ answers: ResourcingForm, version: Int?, pilot: Pilot, line: ResourcingLine, caller: Caller) async throws -> Response {
        let target = ResourcingRoutes.Target.line(id: line.id, version: version ?? line.version)
        let input: ResourcingLineInput
        switch answers.input(authority: line.authority) {
        case .failure(let invalid): return ResourcingRoutes.form(pages, pilot, answers, target: target, errors: invalid.errors)
        case .success(let checked): input = checked
        }
        var context = try WriteContext.signedIn(caller)
        context.expectedVersion = version
        let pilotID = UUID(uuidString: pilot.id)!, lineID = UUID(uuidString: line.id)!
        do {
            _ = try await store.resourcing.update(pilot: pilotID, id: lineID, input, context: context)
        } catch RegistryError.invalid(let issues) {
            return ResourcingRoutes.form(pages, pilot, answers, target: target, errors: ResourcingForm.errors(issues))
        } catch RegistryError.stale {
            let now = try await store.resourcing.table.get(pilot: pilotID, id: lineID, viewer: caller)
            let conflict = VersionConflict(
                record: "this resourcing line", caption: pilot.title, saved: ResourcingForm(now).summary, yours: answers.summary,
                answers: answers.answers, version: now.version, action: "/manage/pilots/\(pilot.id)/resourcing/\(line.id)/edit",
                back: "/manage/pilots/\(pilot.id)")
            if !conflict.savedIsYours { return conflict.page(pages) }
        }
        return PageRenderer.redirect(to: "/manage/pilots/\(pilot.id)?added=changed")
    }

    /// The line's questions in its audit documents, answered in words.
    static let history = RecordHistory(
        questions: [
            ("stage", "What the resources were for"), ("fte", "Staff time (FTE)"), ("amount_gbp", "Amount"),
            ("funding_source", "Who paid"), ("period_start", "Period start"), ("period_end", "Period end"), ("note", "Note"),
        ],
        answer: { field, value in
            switch field {
            case "stage": ChoiceList.label(value, in: ResourcingForm.stages)
            case "funding_source": ChoiceList.label(value, in: ResourcingForm.fundingSources)
            case "amount_gbp": PilotPageRoutes.pounds(value)
            case "period_start", "period_end": CalendarDate(value).map(DateText.long) ?? value
            default: value
            }
        })
}
