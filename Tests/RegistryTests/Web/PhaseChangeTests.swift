import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// Moving a pilot to another phase in the browser, with the phase history's rules at the fields.
@Suite struct PhaseChangeTests {
    @Test func anEditorDiscontinuesAPilotWithItsReasonsOnce() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot(
                extra: #", "initial_phase": {"phase": "pilot", "effective_on": "2025-01-06"}"#)
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            #expect(try await browser.get("/manage").body.contains("/manage/pilots/\(pilot)/phase"))
            let page = try await browser.get("/manage/pilots/\(pilot)/phase")
            #expect(page.status == 200 && page.body.contains("Currently: Pilot, since 6 January 2025"))
            #expect(!page.body.contains(#"value="pilot""#), "the current phase is not offered")
            let csrf = try await browser.csrfToken(on: "/manage/pilots/\(pilot)/phase")
            let submission = try #require(page.body.firstMatch(of: /name="submission" value="([^"]+)"/)).output.1
            let before = try await registry.count("phase_changes")
            var answers = [("csrf_token", csrf), ("submission", String(submission)), ("phase", "discontinued"),
                           ("since-day", "2"), ("since-month", "6"), ("since-year", "2025"), ("note", "Too few practitioners used it.")]
            // Discontinued without a reason: the store's rule, at the reasons, the rest kept.
            let noReason = try await browser.send(.post, "/manage/pilots/\(pilot)/phase", form: answers)
            #expect(noReason.status == 400 && noReason.body.contains("The reasons must name at least one reason when a pilot is discontinued"))
            #expect(noReason.body.contains(#"value="discontinued" checked"#) && noReason.body.contains("Too few practitioners used it."))
            // Before the pilot began: refused at the date.
            var early = answers
            early[5] = ("since-year", "2024")
            early.append(("reasons", "cost"))
            let tooEarly = try await browser.send(.post, "/manage/pilots/\(pilot)/phase", form: early)
            #expect(tooEarly.status == 400 && tooEarly.body.contains("The date it changed must not be before the latest phase change"))
            #expect(try await registry.count("phase_changes") == before)

            answers += [("reasons", "cost"), ("reasons", "practitioner_take_up")]
            let saved = try await browser.send(.post, "/manage/pilots/\(pilot)/phase", form: answers)
            let again = try await browser.send(.post, "/manage/pilots/\(pilot)/phase", form: answers)
            #expect(saved.status == 303 && saved.headers[.location] == "/manage?changed=\(pilot)")
            #expect(again.status == 303, "a second click finds the first change: \(again.status)")
            #expect(try await registry.count("phase_changes") == before + 1)
            #expect(try await browser.get("/manage?changed=\(pilot)").body.contains("Phase changed: Visit notes pilot is now discontinued"))
            let history = try await registry.get("/api/v1/pilots/\(pilot)/phases").items
            #expect(history.last?["reasons"] as? [String] == ["cost", "practitioner_take_up"])

            // Another authority's editor cannot even see the form.
            var leeds = try await SignInTests.signedInLeedsEditor(registry)
            #expect(try await leeds.get("/manage/pilots/\(pilot)/phase").status == 404)
        }
    }
}
