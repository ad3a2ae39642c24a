import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// A pilot's page and its resourcing lines in the browser: pounds as people write them, the
/// API's rules at the fields, one line however often "Save" is pressed.
@Suite struct ResourcingPageTests {
    @Test func anEditorAddsAResourcingLineInPoundsOnce() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot()
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            #expect(try await browser.get("/manage").body.contains(#"<a href="/manage/pilots/\#(pilot)">"#))
            let empty = try await browser.get("/manage/pilots/\(pilot)")
            #expect(empty.status == 200 && empty.body.contains("No resourcing is recorded yet."))
            #expect(empty.body.contains("/manage/pilots/\(pilot)/resourcing/new"))

            let path = "/manage/pilots/\(pilot)/resourcing/new"
            let form = try await browser.get(path)
            #expect(form.status == 200 && form.body.contains("Add a resourcing line"))
            let csrf = try await browser.csrfToken(on: path)
            let submission = try #require(form.body.firstMatch(of: /name="submission" value="([^"]+)"/)).output.1
            let before = try await registry.count("resourcing_lines")
            var answers = [("csrf_token", csrf), ("submission", String(submission)), ("stage", "implement"),
                           ("funding_source", "dfe_grant"), ("note", "Licences for the first year.")]

            // Neither staff time nor money: said at the field, every answer kept, nothing written.
            let neither = try await browser.send(.post, path, form: answers)
            #expect(neither.status == 400 && neither.body.contains("Enter the staff time, the amount, or both"))
            #expect(neither.body.contains("<title>Error: "))
            #expect(neither.body.contains(#"value="implement" checked"#) && neither.body.contains("Licences for the first year."))
            // Three decimal places and an end before the start: the API's rules, in the form's words.
            let wrong = try await browser.send(
                .post, path,
                form: answers + [("amount", "12.345"), ("start-day", "1"), ("start-month", "4"), ("start-year", "2025"),
                                 ("end-day", "1"), ("end-month", "3"), ("end-year", "2025")])
            #expect(wrong.status == 400 && wrong.body.contains("The amount must be pounds with at most two decimal places"))
            #expect(wrong.body.contains("The date it ended must not be before the date it started"))
            #expect(wrong.body.contains(#"value="12.345""#))
            #expect(try await registry.count("resourcing_lines") == before)

            answers += [("amount", "£42,000"), ("fte", "0.5")]
            let saved = try await browser.send(.post, path, form: answers)
            let again = try await browser.send(.post, path, form: answers)
            #expect(saved.status == 303 && saved.headers[.location] == "/manage/pilots/\(pilot)?added=resourcing")
            #expect(again.status == 303, "a second click finds the first line: \(again.status)")
            #expect(try await registry.count("resourcing_lines") == before + 1)

            let page = try await browser.get("/manage/pilots/\(pilot)?added=resourcing")
            #expect(page.body.contains("Resourcing line added") && page.body.contains("£42,000") && page.body.contains("Implementing it"))
            let lines = try await registry.get("/api/v1/pilots/\(pilot)/resourcing").items
            #expect(lines.first?["amount_gbp"] as? String == "42000.00" && lines.first?["fte"] as? Double == 0.5)
            #expect(lines.first?["funding_source"] as? String == "dfe_grant")
            #expect(
                try await registry.count(
                    "audit_events", where: "resource_type = 'resourcing_line' AND action = 'create' AND actor_name = 'Jo Smith'") == 1)

            // Another authority's editor reads the public pilot but cannot open its forms.
            var leeds = try await SignInTests.signedInLeedsEditor(registry)
            let readOnly = try await leeds.get("/manage/pilots/\(pilot)")
            #expect(readOnly.status == 200 && !readOnly.body.contains(path))
            #expect(try await leeds.get(path).status == 404)
        }
    }

    @Test(arguments: [("12500", "£12,500"), ("12500.50", "£12,500.50"), ("0.5", "£0.50"), ("999", "£999"), ("1234567.00", "£1,234,567")])
    func amountsReadAsPounds(_ amount: String, _ shown: String) {
        #expect(PilotPageRoutes.pounds(amount) == shown)
    }
}

/// Deleting a resourcing line from the browser: asked first, refused when it changed meanwhile.
@Suite struct ResourcingDeletionTests {
    /// A pilot with one resourcing line, and a browser signed in as an editor of its lead.
    static func lineAndItsEditor(
        _ registry: TestRegistry, line json: String = Fixtures.resourcing
    ) async throws -> (pilot: String, line: String, browser: TestBrowser) {
        let (pilot, _, _) = try await registry.makePilot()
        let line = try await registry.create("/api/v1/pilots/\(pilot)/resourcing", json)
        let editor = try await SignInTests.invitedEditor(registry)
        var browser = TestBrowser(registry)
        _ = try await browser.signIn(as: editor.subject)
        return (pilot, line, browser)
    }

    @Test func anEditorDeletesALineOnlyAsTheySawIt() async throws {
        try await TestRegistry.run { registry in
            // Shared less widely than its public pilot, which a change in the browser must keep.
            let narrowed = Fixtures.resourcing.replacingOccurrences(of: "{", with: #"{"sharing_level": "network", "#)
            var (pilot, line, browser) = try await ResourcingDeletionTests.lineAndItsEditor(registry, line: narrowed)
            let path = "/manage/pilots/\(pilot)/resourcing/\(line)/delete"
            #expect(try await browser.get("/manage/pilots/\(pilot)").body.contains(path))
            let page = try await browser.get(path)
            #expect(page.status == 200 && page.body.contains("Delete this resourcing line?"))
            let csrf = try await browser.csrfToken(on: path)
            let version = try #require(page.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1

            // Someone else changes it meanwhile: nothing deleted, the line shown as it is now.
            _ = try await registry.send(.put, "/api/v1/pilots/\(pilot)/resourcing/\(line)", json: Fixtures.resourcing)
            let stale = try await browser.send(.post, path, form: [("csrf_token", csrf), ("version", String(version))])
            #expect(stale.status == 409 && stale.body.contains("Someone changed this resourcing line after you opened the page"))
            #expect(try await registry.count("resourcing_lines", where: "deleted_at IS NULL") == 1)

            let current = try #require(stale.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1
            #expect(current != version)
            let deleted = try await browser.send(.post, path, form: [("csrf_token", csrf), ("version", String(current))])
            #expect(deleted.status == 303 && deleted.headers[.location] == "/manage/pilots/\(pilot)?added=deleted-resourcing")
            #expect(try await registry.count("resourcing_lines", where: "deleted_at IS NULL") == 0)
            #expect(try await registry.count("audit_events", where: "resource_type = 'resourcing_line' AND action = 'delete'") == 1)
            #expect(try await browser.get(path).status == 404)
        }
    }
}

/// Changing a resourcing line from the browser: what was saved meanwhile is shown beside the
/// editor's answers and never overwritten unseen; a second click is not a conflict; the history
/// shows who changed which answer.
@Suite struct ResourcingEditTests {
    @Test func anEditorChangesALineSeesAConflictAndReadsItsHistory() async throws {
        try await TestRegistry.run { registry in
            // Shared less widely than its public pilot, which a change in the browser must keep.
            let narrowed = Fixtures.resourcing.replacingOccurrences(of: "{", with: #"{"sharing_level": "network", "#)
            var (pilot, line, browser) = try await ResourcingDeletionTests.lineAndItsEditor(registry, line: narrowed)
            let path = "/manage/pilots/\(pilot)/resourcing/\(line)/edit"
            func amount() async throws -> Decimal? {
                Decimal(string: try await registry.get("/api/v1/pilots/\(pilot)/resourcing/\(line)").string("amount_gbp"))
            }
            #expect(try await browser.get("/manage/pilots/\(pilot)").body.contains(path))
            let form = try await browser.get(path)
            #expect(form.status == 200 && form.body.contains(#"value="£25,000.50""#) && form.body.contains(#"value="dfe_grant" checked"#))
            let csrf = try await browser.csrfToken(on: path)
            let version = String(try #require(form.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            var answers = [("csrf_token", csrf), ("version", version), ("stage", "implement"), ("fte", "1.5"),
                           ("amount", "£21,500"), ("funding_source", "dfe_grant"), ("start-day", "1"), ("start-month", "4"),
                           ("start-year", "2025"), ("end-day", "31"), ("end-month", "3"), ("end-year", "2026")]

            // Someone else saves first: the editor's answers wait beside theirs, nothing overwritten.
            let theirs = narrowed.replacingOccurrences(of: "25000.50", with: "30000")
            #expect(try await registry.send(.put, "/api/v1/pilots/\(pilot)/resourcing/\(line)", json: theirs).status == 200)
            let conflict = try await browser.send(.post, path, form: answers)
            #expect(conflict.status == 409 && conflict.body.contains("Someone else changed this resourcing line"))
            #expect(conflict.body.contains("£30,000") && conflict.body.contains("£21,500") && conflict.body.contains("Different"))
            #expect(try await amount() == Decimal(30000))

            // Saved over theirs from the conflict page, which carries the version saved now.
            let current = String(try #require(conflict.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            #expect(current != version)
            answers[1] = ("version", current)
            let saved = try await browser.send(.post, path, form: answers)
            #expect(saved.status == 303 && saved.headers[.location] == "/manage/pilots/\(pilot)?added=changed-resourcing")
            let again = try await browser.send(.post, path, form: answers)
            #expect(again.status == 303, "a second click finds its own answers saved: \(again.status)")
            #expect(try await registry.get("/api/v1/pilots/\(pilot)/resourcing/\(line)").string("sharing_level") == "network")
            #expect(try await amount() == Decimal(21500))

            answers[4] = ("amount", "lots")
            let refused = try await browser.send(.post, path, form: answers)
            #expect(refused.status == 400 && refused.body.contains(#"value="lots""#))
            #expect(try await amount() == Decimal(21500))

            let history = try await browser.get("/manage/pilots/\(pilot)/resourcing/\(line)/history")
            #expect(history.status == 200 && history.body.contains("History of the resourcing line"))
            #expect(history.body.contains("£30,000</td><td>£21,500"), "the editor's change, answer by answer")
            #expect(history.body.contains("£25,000.50</td><td>£30,000") && history.body.contains("Added"))
            var outsider = try await SignInTests.signedInLeedsEditor(registry)
            #expect(try await outsider.get(path).status == 404)
        }
    }
}
