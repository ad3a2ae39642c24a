import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// Changing a pilot's details from the browser: the rest of the pilot kept as saved, a
/// colleague's save shown rather than overwritten, and the history read answer by answer.
@Suite struct PilotEditTests {
    @Test func theLeadChangesThePilotPastAColleaguesSaveAndReadsItsHistory() async throws {
        try await TestRegistry.run { registry in
            let (pilot, tool, _) = try await registry.makePilot()
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let path = "/manage/pilots/\(pilot)/edit"
            #expect(try await browser.get("/manage/pilots/\(pilot)").body.contains(path))
            let form = try await browser.get(path)
            #expect(form.status == 200 && form.body.contains(#"value="Visit notes pilot""#) && form.body.contains(#"value="public" checked"#))
            let csrf = try await browser.csrfToken(on: path)
            let version = String(try #require(form.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            #expect(form.body.contains(#"value="E06000002" checked"#) && form.body.contains(#"value="child_protection" checked"#))
            #expect(!form.body.contains(#"name="participants" type="checkbox" value="E06000001""#), "the lead is not offered")
            var answers = [("csrf_token", csrf), ("version", version), ("title", ""), ("origin", "procured"), ("sharing_level", "network"),
                           ("description", "Fictional"), ("participants", "E06000002"), ("participants", "E99999999"),
                           ("service_areas", "child_protection"), ("service_areas", "front_door")]
            let refused = try await browser.send(.post, path, form: answers)
            #expect(refused.status == 400 && refused.body.contains("Enter the pilot"))
            #expect(refused.body.contains(#"value="network" checked"#) && refused.body.contains(#"value="front_door" checked"#))
            answers[2] = ("title", "Visit notes pilot")
            let unknown = try await browser.send(.post, path, form: answers)
            #expect(unknown.status == 400 && unknown.body.contains("An authority taking part"), "\(unknown.body)")
            answers.remove(at: 7)

            let participants = try await registry.get("/api/v1/pilots/\(pilot)").json["participants"] as? [String]
            #expect(participants?.count == 1)
            let theirs = Fixtures.pilot(toolID: tool).replacingOccurrences(of: "Visit notes pilot", with: "Visit notes, phase two")
            #expect(try await registry.send(.put, "/api/v1/pilots/\(pilot)", json: theirs).status == 200)
            answers[2] = ("title", "Visit notes in the front door")
            let conflict = try await browser.send(.post, path, form: answers)
            #expect(conflict.status == 409 && conflict.body.contains("Visit notes, phase two") && conflict.body.contains("Visit notes in the front door"))
            #expect(try await registry.get("/api/v1/pilots/\(pilot)").string("title") == "Visit notes, phase two")

            answers[1] = ("version", String(try #require(conflict.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1))
            let saved = try await browser.send(.post, path, form: answers)
            #expect(saved.status == 303 && saved.headers[.location] == "/manage/pilots/\(pilot)?added=details")
            let now = try await registry.get("/api/v1/pilots/\(pilot)").json
            #expect(now["title"] as? String == "Visit notes in the front door" && now["sharing_level"] as? String == "network")
            #expect(now["participants"] as? [String] == participants && now["description"] as? String == "Fictional", "the rest kept")
            #expect(now["service_areas"] as? [String] == ["child_protection", "front_door"])

            let history = try await browser.get("/manage/pilots/\(pilot)/history")
            #expect(history.status == 200 && history.body.contains("Visit notes, phase two</td><td>Visit notes in the front door"))
            #expect(history.body.contains("Anyone, on the public dashboards</td><td>Your authority and the networks it belongs to"))
            #expect(history.body.contains("Service areas"))
            var outsider = try await SignInTests.signedInLeedsEditor(registry)
            #expect(try await outsider.get(path).status == 404)
        }
    }

    @Test func theLeadDeletesThePilotOnlyAsItWasShown() async throws {
        try await TestRegistry.run { registry in
            let (pilot, tool, _) = try await registry.makePilot()
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let path = "/manage/pilots/\(pilot)/delete"
            #expect(try await browser.get("/manage/pilots/\(pilot)").body.contains(path))
            let confirm = try await browser.get(path)
            #expect(confirm.status == 200 && confirm.body.contains("Delete this pilot?") && confirm.body.contains("Visit notes pilot"))
            let shown = String(try #require(confirm.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            let csrf = try await browser.csrfToken(on: path)
            let theirs = Fixtures.pilot(toolID: tool).replacingOccurrences(of: "Visit notes pilot", with: "Visit notes, phase two")
            #expect(try await registry.send(.put, "/api/v1/pilots/\(pilot)", json: theirs).status == 200)
            let stale = try await browser.send(.post, path, form: [("csrf_token", csrf), ("version", shown)])
            #expect(stale.status == 409 && stale.body.contains("Visit notes, phase two") && stale.body.contains("Nothing was deleted"))
            #expect(try await registry.get("/api/v1/pilots/\(pilot)").status == 200)
            let current = String(try #require(stale.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            let deleted = try await browser.send(.post, path, form: [("csrf_token", csrf), ("version", current)])
            #expect(deleted.headers[.location] == "/manage?saved=pilot-deleted")
            #expect(try await registry.get("/api/v1/pilots/\(pilot)").status == 404)
            #expect(try await browser.get("/manage?saved=pilot-deleted").body.contains("Pilot deleted"))
            #expect(try await registry.count("audit_events", where: "resource_type = 'pilot' AND action = 'delete'") == 1)
            var outsider = try await SignInTests.signedInLeedsEditor(registry)
            #expect(try await outsider.get(path).status == 404)
        }
    }
}
