import Foundation
import Hummingbird
import RegistryAPI

/// A pilot as others will see it: the public, members of its lead authority's networks, and
/// DfE and the sector, each read through the store with that audience's rights, so the preview
/// leaves out exactly what the API and the dashboards leave out.
struct PilotPreviewRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    /// The audiences, in the order of the page's tabs: the key, and who they are in words.
    static let audiences: [(String, String)] = [
        ("public", "the public"), ("network", "its networks' members"), ("sector", "DfE and the sector"),
    ]

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/pilots/:pilot/preview") { request, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                guard let pilot = try await ManagedPilot.load(context.parameters.require("pilot"), caller: caller, store: store)
                else { return ManagedPilot.notFound(pages) }
                let chosen = WebForm.query(request).fields["as"] ?? "public"
                guard let audience = Self.audiences.first(where: { $0.0 == chosen }) else {
                    return pages.notFound("There is no such audience.", back: ("/manage/pilots/\(pilot.id)", "Back to the pilot"))
                }
                return try await preview(pilot, audience: audience)
            }
        }
    }

    private func preview(_ pilot: Pilot, audience: (key: String, name: String)) async throws -> Response {
        let viewer = try await viewer(audience.key, lead: pilot.leadAuthority)
        var values: [String: Any] = [:]
        if let viewer, let seen = try? await store.pilots.get(UUID(uuidString: pilot.id)!, viewer: viewer) {
            values = try await PilotPageRoutes.records(of: seen, as: viewer, store: store)
        } else {
            values["hidden"] = true
            values["noNetwork"] = viewer == nil
        }
        values["pilotID"] = pilot.id
        values["pilotTitle"] = pilot.title
        values["sharing"] = ChoiceList.label(pilot.sharingLevel.rawValue, in: PilotForm.sharingLevels).lowercased()
        values["audience"] = audience.name
        values["tabs"] = Self.audiences.map { key, name in
            ["href": "/manage/pilots/\(pilot.id)/preview?as=\(key)", "name": "As \(name)", "current": key == audience.key]
        }
        return pages.page("pilot-preview", title: "\(pilot.title) as \(audience.name) see it", values)
    }

    /// The reader each audience stands for; nil for networks when the lead belongs to none.
    private func viewer(_ audience: String, lead: String) async throws -> Caller? {
        switch audience {
        case "network":
            let networks = try await Page.all { try await store.networks.list(authority: lead, updatedSince: nil, page: $0) }
            guard !networks.isEmpty else { return nil }
            return Caller(userID: nil, name: "preview", role: .networkMember, networks: networks.compactMap { UUID(uuidString: $0.id) })
        case "sector": return Caller(userID: nil, name: "preview", role: .nationalAnalyst)
        default: return .anonymous
        }
    }
}
