import Foundation
import Hummingbird

/// A signed-in reader's dashboards, built for their audience as the registry stands now, at
/// `/manage/dashboards/<audience>/`: the same site the public dashboards are, showing what
/// that audience may read and nothing more.
struct LiveDashboardRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore
    let dashboards: LiveDashboards
    private let files = FileIO()

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/dashboards/:audience") { request, context in
            let audience = try context.parameters.require("audience")
            // The site's links are relative to its folder, so the folder's address ends in a slash.
            guard request.uri.path.hasSuffix("/") else { return PageRenderer.redirect(to: "/manage/dashboards/\(audience)/") }
            return try await file(["index.html"], of: audience, context: context)
        }
        router.get("/manage/dashboards/:audience/**") { _, context in
            try await file(context.parameters.getCatchAll(), of: try context.parameters.require("audience"), context: context)
        }
    }

    private func file(_ components: [Substring], of name: String, context: some RequestContext) async throws -> Response {
        let path = components.joined(separator: "/")
        return try await SignedInPage.run(returnTo: "/manage/dashboards/\(name)/") { caller, _ in
            guard let audience = Audience(name), let reader = try? await store.viewer(for: audience) else {
                return pages.notFound("There are no dashboards for \(name).", back: ("/manage", "Go to your home"))
            }
            do {
                try Permissions.requireMember(of: audience, standingFor: reader, caller)
            } catch RegistryError.forbidden {
                return pages.notForYourRole(
                    "These dashboards are not yours", "Only members of \(name) read its dashboards. Your home lists yours.")
            }
            let site: LiveDashboards.Site
            do {
                site = try await dashboards.site(for: audience)
            } catch is LiveDashboards.StillBuilding {
                return stillBuilding(name)
            }
            // Only names the site could hold: nothing above its folder, nothing hidden.
            let file = site.folder.appendingPathComponent(path)
            guard !components.isEmpty, components.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") }),
                (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                let body = try? await files.loadFile(path: file.path, context: context)
            else {
                return pages.notFound("The dashboards have no page \(path).", back: ("/manage/dashboards/\(name)/", "Go to the dashboards"))
            }
            return Response(
                status: .ok, headers: [.contentType: Self.mediaType(of: path), .cacheControl: "private, no-cache"], body: body)
        }
    }

    /// The first build of a large registry's site outlasts a reader's patience; it goes on, and
    /// the page says when to come back rather than leaving the browser waiting for minutes.
    private func stillBuilding(_ name: String) -> Response {
        var response = pages.page(
            "problem", title: "Your dashboards are being prepared",
            [
                "heading": "Your dashboards are being prepared",
                "paragraphs": [
                    "The registry is building these dashboards from every record you may read. With many records this takes a few minutes.",
                    "Reload this page in a minute. Nothing you need to do has been lost.",
                ],
                "link": ["href": "/manage/dashboards/\(name)/", "text": "Reload the dashboards"],
            ],
            status: .serviceUnavailable)
        response.headers[.retryAfter] = "60"
        return response
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
