import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// Recording a lesson or barrier in the browser: each kind named by the call-for-evidence
/// question it answers, the API's rules at the fields, and the authority's answers fed by it.
@Suite struct LessonPageTests {
    @Test func anEditorRecordsABarrierThatAnswersQuestion15() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot()
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let path = "/manage/pilots/\(pilot)/lessons/new"
            #expect(try await browser.get("/manage/pilots/\(pilot)").body.contains(path))
            let form = try await browser.get(path)
            #expect(form.status == 200 && form.body.contains("A barrier you met (question 15)"))
            let csrf = try await browser.csrfToken(on: path)
            let submission = try #require(form.body.firstMatch(of: /name="submission" value="([^"]+)"/)).output.1
            var answers = [("csrf_token", csrf), ("submission", String(submission)), ("kind", "barrier"), ("scope", "regional"),
                           ("text", "   ")]
            let refused = try await browser.send(.post, path, form: answers)
            #expect(refused.status == 400 && refused.body.contains("Enter what you learnt or met"))
            #expect(refused.body.contains(#"value="barrier" checked"#) && refused.body.contains(#"value="regional" checked"#))
            #expect(try await registry.count("insights") == 0)

            answers[4] = ("text", "Case recording system would not take the summaries.")
            let saved = try await browser.send(.post, path, form: answers)
            #expect(saved.status == 303 && saved.headers[.location] == "/manage/pilots/\(pilot)?added=lesson")
            #expect(try await browser.send(.post, path, form: answers).status == 303)
            #expect(try await registry.count("insights") == 1)
            #expect(try await registry.count("audit_events", where: "resource_type = 'insight' AND action = 'create'") == 1)
            let page = try await browser.get("/manage/pilots/\(pilot)?added=lesson")
            #expect(page.body.contains("Lesson or barrier added") && page.body.contains("Case recording system would not take the summaries."))
            let recorded = try await registry.get("/api/v1/pilots/\(pilot)/insights").items.first
            #expect(recorded?["kind"] as? String == "barrier" && recorded?["scope"] as? String == "regional")
            #expect(recorded?["sharing_level"] as? String == "public", "shared as the pilot is when not chosen")
        }
    }
}

/// Changing a lesson from the browser, never over a colleague's unseen save.
@Suite struct LessonEditTests {
    @Test func theLeadChangesALessonAndReadsItsHistory() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot()
            let lesson = try await registry.create(
                "/api/v1/pilots/\(pilot)/insights", #"{"kind": "barrier", "text": "Slow laptops", "sharing_level": "sector"}"#)
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let path = "/manage/pilots/\(pilot)/lessons/\(lesson)/edit"
            #expect(try await browser.get("/manage/pilots/\(pilot)").body.contains(path))
            let form = try await browser.get(path)
            #expect(form.status == 200 && form.body.contains("Slow laptops") && form.body.contains(#"value="sector" checked"#))
            let csrf = try await browser.csrfToken(on: path)
            let version = String(try #require(form.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            let answers = [("csrf_token", csrf), ("version", version), ("kind", "barrier"), ("text", "Slow laptops and no Wi-Fi"),
                           ("sharing_level", "sector")]
            #expect(try await registry.send(
                .put, "/api/v1/pilots/\(pilot)/insights/\(lesson)", json: #"{"kind": "barrier", "text": "Old laptops"}"#).status == 200)
            let conflict = try await browser.send(.post, path, form: answers)
            #expect(conflict.status == 409 && conflict.body.contains("Old laptops") && conflict.body.contains("Slow laptops and no Wi-Fi"))
            let current = String(try #require(conflict.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            let saved = try await browser.send(.post, path, form: [("version", current)] + answers.filter { $0.0 != "version" })
            #expect(saved.status == 303 && saved.headers[.location] == "/manage/pilots/\(pilot)?added=changed-lessons")
            let now = try await registry.get("/api/v1/pilots/\(pilot)/insights/\(lesson)").json
            #expect(now["text"] as? String == "Slow laptops and no Wi-Fi" && now["sharing_level"] as? String == "sector")
            let history = try await browser.get("/manage/pilots/\(pilot)/lessons/\(lesson)/history")
            #expect(history.body.contains("Old laptops</td><td>Slow laptops and no Wi-Fi"))

            let deletion = "/manage/pilots/\(pilot)/lessons/\(lesson)/delete"
            #expect(try await browser.get("/manage/pilots/\(pilot)").body.contains(deletion))
            let confirm = try await browser.get(deletion)
            #expect(confirm.status == 200 && confirm.body.contains("Delete this lesson or barrier?") && confirm.body.contains("Slow laptops and no Wi-Fi"))
            let shown = String(try #require(confirm.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            let deleted = try await browser.send(.post, deletion, form: [("csrf_token", csrf), ("version", shown)])
            #expect(deleted.status == 303 && deleted.headers[.location] == "/manage/pilots/\(pilot)?added=deleted-lessons")
            #expect(try await registry.get("/api/v1/pilots/\(pilot)/insights/\(lesson)").status == 404)
            #expect(try await registry.count("audit_events", where: "resource_type = 'insight' AND action = 'delete'") == 1)
        }
    }
}
