import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// Recording a risk or ethics assessment in the browser: closed lists as labelled checkboxes,
/// the API's rules at the fields, and the call-for-evidence answers it feeds.
@Suite struct AssessmentPageTests {
    @Test func anEditorRecordsACompletedDPIAWithItsSafeguards() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot()
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let path = "/manage/pilots/\(pilot)/assessments/new"
            #expect(try await browser.get("/manage/pilots/\(pilot)").body.contains(path))
            let form = try await browser.get(path)
            #expect(form.status == 200 && form.body.contains(#"<label class="label checkboxes__label" for="safeguards-bias_testing">Bias testing</label>"#))
            let csrf = try await browser.csrfToken(on: path)
            let submission = try #require(form.body.firstMatch(of: /name="submission" value="([^"]+)"/)).output.1
            var answers = [("csrf_token", csrf), ("submission", String(submission)), ("kind", "dpia"), ("status", "completed"),
                           ("completed-day", "31"), ("completed-month", "2"), ("completed-year", "2025"),
                           ("safeguards", "human_review"), ("safeguards", "uk_data_residency"), ("principles", "privacy"),
                           ("link", "not a link")]
            let refused = try await browser.send(.post, path, form: answers)
            #expect(refused.status == 400 && refused.body.contains("The date it was completed must be a real date"))
            #expect(refused.body.contains(#"value="uk_data_residency" checked"#) && refused.body.contains(#"value="not a link""#))
            answers[4] = ("completed-day", "28")
            let badLink = try await browser.send(.post, path, form: answers)
            #expect(badLink.status == 400 && badLink.body.contains("The link"), "the API rule for links, at the field")
            #expect(try await registry.count("assessments") == 0)

            answers[answers.count - 1] = ("link", "https://hartlepool.example/dpia")
            let saved = try await browser.send(.post, path, form: answers)
            #expect(saved.status == 303 && saved.headers[.location] == "/manage/pilots/\(pilot)?added=assessment")
            #expect(try await browser.send(.post, path, form: answers).status == 303)
            #expect(try await registry.count("assessments") == 1)
            #expect(try await browser.get("/manage/pilots/\(pilot)?added=assessment").body.contains("<td>DPIA</td><td>Completed</td>"))
            let recorded = try await registry.get("/api/v1/pilots/\(pilot)/assessments").items.first
            #expect(recorded?["safeguards"] as? [String] == ["human_review", "uk_data_residency"])
            #expect(recorded?["completed_on"] as? String == "2025-02-28")
        }
    }

    @Test func theLeadChangesAnAssessmentButNeverOverAColleaguesUnseenSave() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot()
            let assessment = try await registry.create("/api/v1/pilots/\(pilot)/assessments", Fixtures.assessment)
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let path = "/manage/pilots/\(pilot)/assessments/\(assessment)/edit"
            #expect(try await browser.get("/manage/pilots/\(pilot)").body.contains(path))
            let form = try await browser.get(path)
            #expect(form.status == 200 && form.body.contains(#"value="uk_data_residency" checked"#) && form.body.contains("Change the assessment"))
            let csrf = try await browser.csrfToken(on: path)
            let version = String(try #require(form.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            let answers = [("csrf_token", csrf), ("version", version), ("kind", "dpia"), ("status", "completed"),
                           ("completed-day", "1"), ("completed-month", "2"), ("completed-year", "2025"), ("safeguards", "human_review"),
                           ("risks", "hallucination"), ("summary", "Reviewed again"), ("link", "https://example.org/dpia")]
            let theirs = Fixtures.assessment.replacingOccurrences(of: #""summary": "Reviewed""#, with: #""summary": "Reviewed by the DPO""#)
            #expect(try await registry.send(.put, "/api/v1/pilots/\(pilot)/assessments/\(assessment)", json: theirs).status == 200)
            let conflict = try await browser.send(.post, path, form: answers)
            #expect(conflict.status == 409 && conflict.body.contains("Reviewed by the DPO") && conflict.body.contains("Reviewed again"))
            let current = String(try #require(conflict.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            let saved = try await browser.send(.post, path, form: [("version", current)] + answers.filter { $0.0 != "version" })
            #expect(saved.status == 303 && saved.headers[.location] == "/manage/pilots/\(pilot)?added=changed-assessments")
            let now = try await registry.get("/api/v1/pilots/\(pilot)/assessments/\(assessment)").json
            #expect(now["summary"] as? String == "Reviewed again" && now["safeguards"] as? [String] == ["human_review"])

            let history = try await browser.get("/manage/pilots/\(pilot)/assessments/\(assessment)/history")
            #expect(history.status == 200 && history.body.contains("Reviewed by the DPO</td><td>Reviewed again"))
            #expect(history.body.contains("Human review, UK data residency</td><td>Human review"))
        }
    }
}
