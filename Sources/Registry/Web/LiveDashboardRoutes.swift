import Foundation
import Hummingbird

/// A signed-in reader's dashboards, built for their audience as the registry stands now, at
/// `/manage/dashboards/<audience>/`: the same site the public dashboards are, showing what
/// that audience may read and nothing more.
struct LiveDashboardRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore
    let dashboards: LiveDashboards

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/dashboards/:audience") { request, context in
            let audience = try context.parameters.require("audience")
            // The site's links are relative to its folder, so the folder's address ends in a slash.
            guard request.uri.path.hasSuffix("/") else { return PageRenderer.redirect(to: "/manage/dashboards/\(audience)/") }
            return try await file("index.html", of: audience)
        }
        router.get("/manage/dashboards/:audience/**") { _, context in
            try await file(context.parameters.getCatchAll().joined(separator: "/"), of: try context.parameters.require("audience"))
        }
    }

    private func file(_ path: String, of name: String) async throws -> Response {
        try await SignedInPage.run(returnTo: "/manage/dashboards/\(name)/") { caller, _ in
            guard let audience = Audience(name), let reader = try? await store.viewer(for: audience) else {
                return pages.notFound("There are no dashboards for \(name).", back: ("/manage", "Go to your home"))
            }
            do {
                try Permissions.requireMember(of: audience, standingFor: reader, caller)
            } catch RegistryError.forbidden {
                return pages.notForYourRole(
                    "These dashboards are not yours", "Only members of \(name) read its dashboards. Your home lists yours.")
            }
            let site = try await dashboards.site(for: audience)
            guard let contents = site[path.isEmpty ? "index.html" : path] else {
                return pages.notFound("The dashboards have no page \(path).", back: ("/manage/dashboards/\(name)/", "Go to the dashboards"))
            }
            return Response(
                status: .ok, headers: [.contentType: Self.mediaType(of: path), .cacheControl: "private, no-cache"],
                body: .init(byteBuffer: .init(bytes: contents)))
        }
    }

    static func mediaType(of path: String) -> String {
        switch path.split(separator: ".").last ?? "" {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        default: "text/html; charset=utf-8"
        }
    }
}
