import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// The signed-in home: an editor's authority with its pilots, what each lacks, and its task list.
@Suite struct ManageHomeTests {
    @Test func anEditorSeesTheirAuthoritysPilotsWhatEachLacksAndTheirTaskList() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot(sharing: "private")
            _ = try await registry.create("/api/v1/pilots/\(pilot)/resourcing", Fixtures.resourcing)
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            // Signing in without a page to return to lands on the home.
            let back = try await browser.signIn(as: editor.subject)
            #expect(back.headers[.location] == "/manage")
            let home = try await browser.get("/manage")
            #expect(home.status == 200 && home.headers[.cacheControl] == "no-store")
            #expect(home.body.contains("<h1 class=\"heading-xl\">Hartlepool</h1>"))
            #expect(home.body.contains(#"<td><a href="/manage/pilots/\#(pilot)">Visit notes pilot</a></td>"#))
            #expect(home.body.contains("<td>Risk and ethics assessment, evaluation</td>"))
            // Tools and pilots can be answered; resourcing too; the single view is not started.
            let status = { (id: String) -> String? in
                home.body.firstMatch(of: try! Regex("id=\"\(id)-status\">(?:<strong[^>]*>)?([A-Za-z ]+)"))
                    .map { String($0.output[1].substring ?? "") }
            }
            #expect(status("single-view") == "Not started")
            #expect(status("contact") == "Not started")
            #expect(home.body.contains("/api/v1/authorities/E06000001/call-for-evidence.md"))
            // The download link works with the same session.
            let download = try await browser.get("/api/v1/authorities/E06000001/call-for-evidence.md")
            #expect(download.status == 200 && download.body.contains("# Call for evidence: Hartlepool"))
        }
    }

    @Test func theHomeShowsARecordMadeSinceTheLastVisit() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot(sharing: "private")
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: try await SignInTests.invitedEditor(registry).subject)
            #expect(try await browser.get("/manage").body.contains("<td>Resourcing, risk and ethics assessment, evaluation</td>"))
            // Kept answers are for the records as they stood: a line added through the API shows at once.
            _ = try await registry.create("/api/v1/pilots/\(pilot)/resourcing", Fixtures.resourcing)
            #expect(try await browser.get("/manage").body.contains("<td>Risk and ethics assessment, evaluation</td>"))
            // And a change made straight in the database, as another instance's would be.
            try await registry.database.query("UPDATE resourcing_lines SET deleted_at = now() WHERE pilot_id = \(UUID(uuidString: pilot)!)")
            #expect(try await browser.get("/manage").body.contains("<td>Resourcing, risk and ethics assessment, evaluation</td>"))
        }
    }

    @Test func anAuthorityWithManyPilotsPagesThroughThemByName() async throws {
        try await TestRegistry.run { registry in
            let (last, tool, _) = try await registry.makePilot(sharing: "private")
            for number in 1...ManageRoutes.pageSize {
                let body = Fixtures.pilot(toolID: tool, sharing: "private")
                    .replacingOccurrences(of: "Visit notes pilot", with: String(format: "Pilot %02d", number))
                _ = try await registry.create("/api/v1/pilots", body)
            }
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: try await SignInTests.invitedEditor(registry).subject)
            let rows = { (page: String) in page.matches(of: #/<td><a href="/manage/pilots/[0-9a-f-]+">([^<]+)</a></td>/#).map { String($0.output.1) } }
            let first = try await browser.get("/manage")
            #expect(rows(first.body) == (1...ManageRoutes.pageSize).map { String(format: "Pilot %02d", $0) })
            #expect(first.body.contains("Pilots 1 to 25 of 26, by name."))
            #expect(first.body.contains(#"href="/manage?page=2#pilots" rel="next""#) && !first.body.contains(#"rel="prev""#))
            let second = try await browser.get("/manage?page=2")
            #expect(rows(second.body) == ["Visit notes pilot"])
            #expect(second.body.contains(#"href="/manage?page=1#pilots" rel="prev""#) && !second.body.contains(#"rel="next""#))
            #expect(second.body.contains("Pilots 26 to 26 of 26, by name."))
            // Sent home after registering a pilot, the editor sees the page that holds it.
            let registered = try await browser.get("/manage?registered=\(last.uppercased())")
            #expect(rows(registered.body) == ["Visit notes pilot"] && registered.body.contains("Pilot registered: Visit notes pilot"))
        }
    }

    @Test func readersGetAHomeOfTheirOwnAndStrangersAreSentToSignIn() async throws {
        try await TestRegistry.run { registry in
            let anonymous = try await registry.get("/manage", as: .anonymous)
            #expect(anonymous.status == 303 && anonymous.headers[.location] == "/sign-in?return_to=/manage")
            var browser = try await SignInTests.signedInAnalyst(registry)
            let home = try await browser.get("/manage")
            #expect(home.status == 200 && home.body.contains("you have no entries of your own"))
        }
    }
}
