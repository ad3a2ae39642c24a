import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// Recording an evaluation with its measures in the browser: empty measure rows left out, a
/// measure's mistakes named at its own row, the API's rules at the fields.
@Suite struct EvaluationPageTests {
    @Test func anEditorRecordsAnEvaluationWithTwoMeasures() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot()
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let path = "/manage/pilots/\(pilot)/evaluations/new"
            #expect(try await browser.get("/manage/pilots/\(pilot)").body.contains(path))
            let form = try await browser.get(path)
            #expect(form.status == 200 && form.body.contains(#"for="measure-2-value">Result</label>"#))
            let csrf = try await browser.csrfToken(on: path)
            let submission = try #require(form.body.firstMatch(of: /name="submission" value="([^"]+)"/)).output.1
            var answers = [("csrf_token", csrf), ("submission", String(submission)), ("evaluator", "external"),
                           ("status", "planned"), ("outcome", "positive"), ("findings", "Recording time fell by a third."),
                           ("measure-0-name", "Hours recording per week"), ("measure-0-unit", "hours"),
                           ("measure-0-baseline", "9"), ("measure-0-value", "six"),
                           ("measure-2-name", "Practitioners using it"), ("measure-2-value", "41")]
            // A result that is no number, at its row; the rest kept.
            let notANumber = try await browser.send(.post, path, form: answers)
            #expect(notANumber.status == 400 && notANumber.body.contains("The result of measure 1 must be a number"))
            #expect(notANumber.body.contains(#"value="Practitioners using it""#) && notANumber.body.contains("Recording time fell by a third."))
            // An outcome while planned: the API's rule.
            answers[9] = ("measure-0-value", "6")
            let planned = try await browser.send(.post, path, form: answers)
            #expect(planned.status == 400 && planned.body.contains("The outcome cannot be known while the evaluation is planned"))
            #expect(try await registry.count("evaluations") == 0)

            answers[3] = ("status", "completed")
            let saved = try await browser.send(.post, path, form: answers)
            #expect(saved.status == 303 && saved.headers[.location] == "/manage/pilots/\(pilot)?added=evaluation")
            #expect(try await browser.send(.post, path, form: answers).status == 303)
            #expect(try await registry.count("evaluations") == 1)
            #expect(try await browser.get("/manage/pilots/\(pilot)?added=evaluation").body.contains("Evaluation added"))
            let recorded = try #require(try await registry.get("/api/v1/pilots/\(pilot)/evaluations").items.first)
            let measures = try #require(recorded["measures"] as? [[String: Any]])
            #expect(measures.map { $0["name"] as? String } == ["Hours recording per week", "Practitioners using it"])
            #expect(measures.first?["value"] as? Double == 6 && measures.first?["baseline"] as? Double == 9)
            #expect(recorded["outcome"] as? String == "positive" && recorded["evaluator"] as? String == "external")
        }
    }
}

/// Changing an evaluation from the browser: every measure shown, a note recorded through the
/// API kept, and the record's sharing level left as it was.
@Suite struct EvaluationEditTests {
    @Test func anEditorChangesAnEvaluationKeepingWhatTheFormDoesNotAsk() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot()
            let evaluation = try await registry.create("/api/v1/pilots/\(pilot)/evaluations", #"""
                {"evaluator": "external", "status": "completed", "findings": "Time saved", "sharing_level": "network",
                 "measures": [{"name": "Hours a week", "baseline": 10, "value": 6, "note": "Self-reported"},
                              {"name": "Visits recorded", "value": 40}, {"name": "Complaints", "value": 0},
                              {"name": "Days to close", "baseline": 30, "value": 24}]}
                """#)
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let path = "/manage/pilots/\(pilot)/evaluations/\(evaluation)/edit"
            #expect(try await browser.get("/manage/pilots/\(pilot)").body.contains(path))
            let form = try await browser.get(path)
            #expect(form.status == 200 && form.body.contains(#"value="Days to close""#) && form.body.contains(#"id="measure-4-name""#))
            #expect(form.body.contains(#"name="measure-0-note" value="Self-reported""#), "the note travels with the form")
            let csrf = try await browser.csrfToken(on: path)
            let version = String(try #require(form.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            var answers = [("csrf_token", csrf), ("version", version), ("evaluator", "external"), ("status", "completed"),
                           ("findings", "Time saved, and fewer days to close")]
            for (row, measure) in [("Hours a week", "10", "5"), ("Visits recorded", "", "40"), ("Complaints", "", "0"),
                                   ("Days to close", "30", "24"), ("Repeat referrals", "", "3")].enumerated() {
                answers += [("measure-\(row)-name", measure.0), ("measure-\(row)-baseline", measure.1), ("measure-\(row)-value", measure.2)]
            }
            answers.append(("measure-0-note", "Self-reported"))
            let saved = try await browser.send(.post, path, form: answers)
            #expect(saved.status == 303 && saved.headers[.location] == "/manage/pilots/\(pilot)?added=changed-evaluations")
            let now = try await registry.get("/api/v1/pilots/\(pilot)/evaluations/\(evaluation)").json
            let measures = now["measures"] as? [[String: Any]] ?? []
            #expect(measures.count == 5 && measures.first?["note"] as? String == "Self-reported")
            #expect(measures.first?["value"] as? Double == 5 && now["sharing_level"] as? String == "network")
            let history = try await browser.get("/manage/pilots/\(pilot)/evaluations/\(evaluation)/history")
            #expect(history.status == 200 && history.body.contains("Time saved</td><td>Time saved, and fewer days to close"))
        }
    }
}
