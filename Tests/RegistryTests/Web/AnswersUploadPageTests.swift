import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// Bulk entry in the browser: an editor uploads their authority's call-for-evidence CSV, sees
/// every problem by line and column with nothing written, then what a good file adds, and
/// confirms it once.
@Suite struct AnswersUploadPageTests {
    /// The survey's rows as the registry's import test writes them; the first is Hartlepool's.
    static var rows: [String] {
        CSVReader.records(CallForEvidenceImportTests.survey).map { $0.fields.map(Self.quoted).joined(separator: ",") }
    }
    static var hartlepoolOnly: String { rows[0] + "\r\n" + rows[1] + "\r\n" }

    static func quoted(_ cell: String) -> String {
        cell.contains(",") || cell.contains("\n") ? "\"\(cell)\"" : cell
    }

    /// A form with a file input, as a browser sends it.
    static func multipart(_ fields: [(String, String)], file: (name: String, text: String)?) -> (body: String, type: String) {
        let boundary = "----form\(UUID().uuidString.prefix(8))"
        var body = fields.map { "--\(boundary)\r\nContent-Disposition: form-data; name=\"\($0.0)\"\r\n\r\n\($0.1)\r\n" }.joined()
        if let file {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\n"
                + "Content-Type: text/csv\r\n\r\n\(file.text)\r\n"
        }
        return (body + "--\(boundary)--\r\n", "multipart/form-data; boundary=\(boundary)")
    }

    static func upload(_ browser: inout TestBrowser, _ fields: [(String, String)], file: (name: String, text: String)?) async throws -> Reply {
        let form = multipart(fields, file: file)
        return try await browser.send(.post, "/manage/answers/upload", json: form.body, headers: [.contentType: form.type])
    }

    @Test func anEditorSeesEveryProblemThenWhatTheFileAddsThenAddsItOnce() async throws {
        try await TestRegistry.run { registry in
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            #expect(try await browser.get("/manage").body.contains(#"href="/manage/answers/upload""#))
            let csrf = try await browser.csrfToken(on: "/manage/answers/upload")
            let before = try await registry.snapshot()

            let badAnswer = Self.hartlepoolOnly.replacingOccurrences(of: ",Yes,", with: ",Maybe,")
            let bad = try await Self.upload(&browser, [("csrf_token", csrf), ("sharing_level", "sector")], file: ("answers.csv", badAnswer))
            #expect(bad.status == 400 && bad.body.contains("<title>Error: "))
            #expect(bad.body.contains("answers.csv has a problem, listed below; nothing was added"))
            #expect(bad.body.contains("<td>2</td><td><code>q01_uses_procured_tools</code></td><td>must be Yes or No</td>"))
            #expect(bad.body.contains(#"value="sector" checked"#), "the sharing answer is kept")

            let others = try await Self.upload(
                &browser, [("csrf_token", csrf), ("sharing_level", "sector")], file: ("survey.csv", CallForEvidenceImportTests.survey))
            #expect(others.status == 400 && others.body.contains("<td>12</td><td><code>new_la_code</code></td>"), "the row starts on line 12")
            #expect(others.body.contains("you may upload only your own authority&#39;s answers (E06000001)"))

            let noChoices = try await Self.upload(&browser, [("csrf_token", csrf)], file: nil)
            #expect(noChoices.status == 400 && noChoices.body.contains("Select a CSV file"))
            #expect(noChoices.body.contains("Select who may read what the file adds"))
            #expect(try await registry.snapshot() == before, "nothing written while checking")

            let good = try await Self.upload(
                &browser, [("csrf_token", csrf), ("sharing_level", "sector")], file: ("hartlepool.csv", Self.hartlepoolOnly))
            #expect(good.status == 200 && good.body.contains("Check what the file adds"), "\(good.body)")
            #expect(good.body.contains(#"<dt class="summary-list__key">Pilots</dt><dd class="summary-list__value">4</dd>"#))
            #expect(try await registry.snapshot() == before, "checking a good file writes nothing either")

            func hidden(_ name: String) throws -> String {
                let pattern = try Regex<(Substring, Substring)>(#"name="\#(name)" value="([^"]*)""#)
                return String(try #require(good.body.firstMatch(of: pattern)).output.1)
            }
            let confirm = [("csrf_token", csrf), ("submission", try hidden("submission")), ("filename", "hartlepool.csv"),
                           ("sharing_level", try hidden("sharing_level")), ("csv", try hidden("csv"))]
            let added = try await browser.send(.post, "/manage/answers/upload/confirm", form: confirm)
            #expect(added.status == 303, "\(added.body)")
            let location = try #require(added.headers[.location])
            #expect(location.hasPrefix("/manage?saved=upload&records="))
            #expect(try await browser.send(.post, "/manage/answers/upload/confirm", form: confirm).headers[.location] == location,
                    "a second click adds nothing more")
            #expect(try await registry.count("pilots", where: "lead_authority = 'E06000001'") == 4)
            #expect(try await registry.count("pilots", where: "sharing_level = 'sector'") == 4)
            #expect(try await browser.get(location).body.contains("Answers uploaded"))
            let q20 = try await browser.get("/api/v1/authorities/E06000001/call-for-evidence")
            #expect(q20.body.contains("Time saved confirmed"), "the answers read back from the registry")
        }
    }

    @Test func onlyAnAuthoritysEditorsUploadAndOnlyFromItsPages() async throws {
        try await TestRegistry.run { registry in
            var analyst = try await SignInTests.signedInAnalyst(registry)
            #expect(try await analyst.get("/manage/answers/upload").status == 403)
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let withoutToken = try await Self.upload(&browser, [("sharing_level", "sector")], file: ("a.csv", Self.hartlepoolOnly))
            #expect(withoutToken.status == 403 && withoutToken.body.contains("Nothing has been changed"))
            #expect(try await registry.count("pilots") == 0)
        }
    }
}
