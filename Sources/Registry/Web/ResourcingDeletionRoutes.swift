import Foundation
import Hummingbird
import RegistryAPI

/// Deleting a resourcing line, after a page that shows it and asks. The page carries the
/// version it showed: if someone changed the line meanwhile, the editor sees it as it is now
/// and is asked again, never deleting what they did not see.
struct ResourcingDeletionRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/pilots/:pilot/resourcing/:record/delete") { _, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let (pilot, line) = try await ManagedPilot.resourcingLine(context, caller: caller, store: store) else { return ManagedPilot.notFound(pages) }
                return confirmation(pilot, line, changedMeanwhile: false)
            }
        }
        router.post("/manage/pilots/:pilot/resourcing/:record/delete") { request, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let (pilot, line) = try await ManagedPilot.resourcingLine(context, caller: caller, store: store) else { return ManagedPilot.notFound(pages) }
                let sent = try await WebForm.read(request)
                var deletion = try WriteContext.signedIn(caller)
                deletion.expectedVersion = Int(sent.fields["version"] ?? "")
                do {
                    try await store.resourcing.table.delete(
                        pilot: UUID(uuidString: pilot.id)!, id: UUID(uuidString: line.id)!, context: deletion)
                } catch RegistryError.stale {
                    return confirmation(pilot, line, changedMeanwhile: true)
                }
                return PageRenderer.redirect(to: "/manage/pilots/\(pilot.id)?added=deleted")
            }
        }
    }

    private func confirmation(_ pilot: Pilot, _ line: ResourcingLine, changedMeanwhile: Bool) -> Response {
        pages.page(
            "delete-resourcing-line", title: "Delete this resourcing line?",
            [
                "pilot": ["id": pilot.id, "title": pilot.title], "changedMeanwhile": changedMeanwhile,
                "line": [
                    "id": line.id, "version": line.version,
                    "stage": ChoiceList.label(line.stage.rawValue, in: ResourcingForm.stages),
                    "fte": line.fte.map { String(format: "%g", $0) } ?? "None",
                    "amount": line.amountGbp.map(PilotPageRoutes.pounds) ?? "None",
                ],
            ],
            status: changedMeanwhile ? .conflict : .ok)
    }
}
