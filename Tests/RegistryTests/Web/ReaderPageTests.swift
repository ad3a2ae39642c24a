import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// Network members and analysts, signed in: their audiences' dashboards built as the registry
/// stands now, and the records behind them, never more than their audience may read.
@Suite struct ReaderPageTests {
    /// A browser signed in as a member of a network Hartlepool belongs to.
    static func signedInNetworkMember(_ registry: TestRegistry) async throws -> TestBrowser {
        _ = try await registry.create(
            "/api/v1/networks", #"{"slug": "tees-ai", "name": "Tees AI network", "kind": "demonstrator", "members": ["E06000001"]}"#)
        let subject = "member-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestOpenIDProvider.addAccount(subject, email: "\(subject)@tees.example")
        _ = try await registry.create(
            "/api/v1/admin/people",
            #"{"name": "A member", "email": "\#(subject)@tees.example", "role": "network_member", "networks": ["tees-ai"]}"#)
        var browser = TestBrowser(registry)
        _ = try await browser.signIn(as: subject)
        return browser
    }

    static func pilot(_ registry: TestRegistry, tool: String, title: String, sharing: String) async throws -> String {
        try await registry.create(
            "/api/v1/pilots", Fixtures.pilot(toolID: tool, sharing: sharing).replacingOccurrences(of: "Visit notes pilot", with: title))
    }

    @Test func anAnalystReadsTheSectorsDashboardsLiveAndNoOneElses() async throws {
        try await TestRegistry.run { registry in
            let (_, tool, _) = try await registry.makePilot(sharing: "public")
            _ = try await Self.pilot(registry, tool: tool, title: "Shared with the sector", sharing: "sector")
            _ = try await Self.pilot(registry, tool: tool, title: "Kept to the networks", sharing: "network")
            var analyst = try await SignInTests.signedInAnalyst(registry)
            let home = try await analyst.get("/manage")
            #expect(home.body.contains(#"href="/manage/dashboards/sector/">DfE and the sector"#))
            #expect(home.body.contains(#"href="/manage/dashboards/public/""#) && home.body.contains(#"href="/manage/pilots""#))

            #expect(try await analyst.get("/manage/dashboards/sector").headers[.location] == "/manage/dashboards/sector/")
            let overview = try await analyst.get("/manage/dashboards/sector/")
            #expect(overview.status == 200 && overview.headers[.contentType]?.hasPrefix("text/html") == true)
            let hartlepool = try await analyst.get("/manage/dashboards/sector/authorities/E06000001.html")
            #expect(hartlepool.body.contains("Shared with the sector") && !hartlepool.body.contains("Kept to the networks"))
            #expect(try await analyst.get("/manage/dashboards/sector/assets/style.css").headers[.contentType] == "text/css; charset=utf-8")
            let publicSite = try await analyst.get("/manage/dashboards/public/authorities/E06000001.html")
            #expect(publicSite.body.contains("Visit notes pilot") && !publicSite.body.contains("Shared with the sector"))

            // Live: a pilot registered since is on the next page read.
            _ = try await Self.pilot(registry, tool: tool, title: "Registered a moment ago", sharing: "sector")
            #expect(try await analyst.get("/manage/dashboards/sector/authorities/E06000001.html").body.contains("Registered a moment ago"))

            #expect(try await analyst.get("/manage/dashboards/everything/").status == 403)
            #expect(try await analyst.get("/manage/dashboards/network:nowhere/").status == 404)
            #expect(try await analyst.get("/manage/dashboards/sector/no-such-page.html").status == 404)
            #expect(try await analyst.get("/manage/dashboards/sector/authorities").status == 404, "a folder is not a page")
            for outside in ["/manage/dashboards/sector/assets/../../sector/index.html", "/manage/dashboards/sector/.hidden"] {
                #expect(try await analyst.get(outside).status == 404)
            }
            var anonymous = TestBrowser(registry)
            #expect(try await anonymous.get("/manage/dashboards/sector/").headers[.location]?.hasPrefix("/sign-in") == true)
        }
    }

    @Test func aNetworkMemberReadsTheirNetworksDashboardsAndPilots() async throws {
        try await TestRegistry.run { registry in
            let (_, tool, _) = try await registry.makePilot(sharing: "private")
            let networkPilot = try await Self.pilot(registry, tool: tool, title: "Kept to the networks", sharing: "network")
            var member = try await Self.signedInNetworkMember(registry)
            let home = try await member.get("/manage")
            #expect(home.body.contains(#"href="/manage/dashboards/network:tees-ai/">Tees AI network"#))
            let site = try await member.get("/manage/dashboards/network:tees-ai/authorities/E06000001.html")
            #expect(site.status == 200 && site.body.contains("Kept to the networks") && !site.body.contains("Visit notes pilot"))
            var analyst = try await SignInTests.signedInAnalyst(registry)
            #expect(try await analyst.get("/manage/dashboards/network:tees-ai/").status == 403)

            let list = try await member.get("/manage/pilots?authority=E06000001")
            #expect(list.status == 200 && list.body.contains(#"<a href="/manage/pilots/\#(networkPilot)">Kept to the networks</a>"#))
            #expect(!list.body.contains("Visit notes pilot"), "a private pilot is not listed")
            _ = try await registry.create("/api/v1/pilots/\(networkPilot)/resourcing", Fixtures.resourcing)
            let page = try await member.get("/manage/pilots/\(networkPilot)")
            #expect(page.status == 200 && page.body.contains("£25,000.50"))
            #expect(!page.body.contains("/edit") && !page.body.contains("Add a resourcing line"), "a reader changes nothing")
            #expect(try await analyst.get("/manage/pilots/\(networkPilot)").status == 404)
            #expect(try await analyst.get("/manage/pilots?phase=pilot").body.contains("There are no pilots you may read that match"))
        }
    }

    @Test func theListOfPilotsGoesOnPageByPage() async throws {
        try await TestRegistry.run { registry in
            let (_, tool, _) = try await registry.makePilot(sharing: "sector")
            for number in 1...PilotListRoutes.pageSize {
                _ = try await Self.pilot(registry, tool: tool, title: "Pilot number \(number)", sharing: "sector")
            }
            var analyst = try await SignInTests.signedInAnalyst(registry)
            let first = try await analyst.get("/manage/pilots?phase=planned")
            let next = try #require(first.body.firstMatch(of: /href="(\/manage\/pilots\?cursor=[^"]+)" rel="next"/)).output.1
            #expect(first.body.components(separatedBy: "<tr><td><a href=").count - 1 == PilotListRoutes.pageSize)
            let second = try await analyst.get(String(next).replacingOccurrences(of: "&amp;", with: "&"))
            #expect(second.body.components(separatedBy: "<tr><td><a href=").count - 1 == 1)
            #expect(second.body.contains(#"<option value="planned" selected>"#), "the filter is kept")
        }
    }
}
