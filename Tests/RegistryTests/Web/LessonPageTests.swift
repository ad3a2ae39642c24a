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
