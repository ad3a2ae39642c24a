import Foundation
import Hummingbird
import RegistryAPI

/// Every pilot a signed-in person may read, filtered by authority and phase, fifty a page;
/// each opens on the pilot's page. Readers (network members, analysts) have no entries of
/// their own: this is where they read the records behind their dashboards.
struct PilotListRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    static let pageSize = 50

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/pilots") { request, _ in
            try await SignedInPage.run(returnTo: "/manage/pilots") { caller, _ in
                let query = WebForm.query(request)
                let authorities = try await store.reference.authorities(inRegion: nil).sorted { $0.name < $1.name }
                let authority = authorities.first { $0.code == query["authority"] }
                let phase = PilotListRoutes.phases.first { $0.0 == query["phase"] }?.0
                let page = try await store.pilots.list(
                    .init(authority: authority?.code, phase: phase),
                    page: try PageRequest(cursor: query["cursor"], limit: Self.pageSize), viewer: caller)
                var next: [(String, String)] = [("cursor", page.nextCursor ?? "")]
                if let authority { next.append(("authority", authority.code)) }
                if let phase { next.append(("phase", phase)) }
                return pages.page(
                    "pilots", title: "Pilots you may read",
                    [
                        "authorities": authorities.map { ["code": $0.code, "name": $0.name, "selected": $0.code == authority?.code] },
                        "phases": Self.phases.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == phase] },
                        "pilots": page.items.map { pilot -> [String: Any] in
                            [
                                "id": pilot.id, "title": pilot.title, "tool": pilot.toolName,
                                "lead": authorities.first { $0.code == pilot.leadAuthority }?.name ?? pilot.leadAuthority,
                                "phase": VocabularyLabel.label(pilot.phase.rawValue), "phaseColour": ManageRoutes.phaseColour(pilot.phase.rawValue),
                            ]
                        },
                        "hasPilots": !page.items.isEmpty, "filtered": authority != nil || phase != nil,
                        "caption": "Pilots" + (authority.map { " led by or involving \($0.name)" } ?? "")
                            + (phase.map { " in the phase \(VocabularyLabel.label($0).lowercased())" } ?? ""),
                        "next": page.nextCursor == nil ? false : "/manage/pilots?" + FormEncoding.encode(next),
                    ])
            }
        }
    }

    static let phases: [(String, String)] = Components.Schemas.Phase.allCases.map { ($0.rawValue, VocabularyLabel.label($0.rawValue)) }
}
