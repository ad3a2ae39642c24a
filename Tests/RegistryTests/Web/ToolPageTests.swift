import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// Adding a tool from the browser when the catalogue search finds none: the registry's providers
/// offered first, a new provider and its tool written together and once, the API's rules at
/// the fields, and the pilot's registration going on with the new tool.
@Suite struct ToolPageTests {
    @Test func anEditorAddsAToolAndItsNewProviderThenRegistersAPilotOfIt() async throws {
        try await TestRegistry.run { registry in
            _ = try await registry.create("/api/v1/providers", Fixtures.provider)
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let search = try await browser.get("/manage/pilots/new?q=Scribe+Pal")
            #expect(search.body.contains(#"href="/manage/tools/new?name=Scribe+Pal""#))

            let providerPage = try await browser.get("/manage/tools/new?name=Scribe+Pal&pq=voice")
            #expect(providerPage.status == 200 && providerPage.body.contains("Test Voice Ltd"))
            #expect(providerPage.body.contains("Another provider, not in the registry yet"))
            let unanswered = try await browser.get("/manage/tools/new/details?name=Scribe+Pal&pq=voice")
            #expect(unanswered.status == 400 && unanswered.body.contains("Select who provides the tool"))

            let details = try await browser.get("/manage/tools/new/details?name=Scribe+Pal&provider=new")
            #expect(details.status == 200 && details.body.contains(#"id="provider_name""#))
            #expect(details.body.contains(#"value="Scribe Pal""#), "the searched name carried into the form")
            let csrf = try await browser.csrfToken(on: "/manage/tools/new/details?name=Scribe+Pal&provider=new")
            let submission = try #require(details.body.firstMatch(of: /name="submission" value="([^"]+)"/)).output.1
            var answers = [("csrf_token", csrf), ("submission", String(submission)), ("provider", "new"), ("name", "Scribe Pal"),
                           ("kind", "transcription"), ("technology", "speech_to_text"), ("website", "not a link"),
                           ("provider_name", "Scribe Pal Ltd"), ("provider_number", "ABC")]
            let refused = try await browser.send(.post, "/manage/tools", form: answers)
            #expect(refused.status == 400 && refused.body.contains("website must be an http or https address"))
            #expect(refused.body.contains("The Companies House number must be 8 digits"))
            #expect(refused.body.contains(#"value="Scribe Pal Ltd""#) && refused.body.contains(#"value="speech_to_text" checked"#))
            #expect(try await registry.count("tools") == 0)
            #expect(try await registry.count("providers") == 1)

            answers[6] = ("website", "https://scribepal.example")
            answers[8] = ("provider_number", "sc123456")
            let saved = try await browser.send(.post, "/manage/tools", form: answers)
            let again = try await browser.send(.post, "/manage/tools", form: answers)
            let location = try #require(saved.headers[.location])
            #expect(saved.status == 303 && location.hasPrefix("/manage/pilots/new/details?tool="))
            #expect(again.status == 303 && again.headers[.location] == location, "a second click finds the first tool")
            #expect(try await registry.count("tools") == 1)
            #expect(try await registry.count("providers") == 2)
            #expect(try await registry.count("audit_events", where: "resource_type IN ('tool', 'provider') AND action = 'create'") == 3)

            let tool = String(location.split(separator: "=").last!)
            let recorded = try await registry.get("/api/v1/tools/\(tool)").json
            #expect(recorded["provider_name"] as? String == "Scribe Pal Ltd" && recorded["technology"] as? String == "speech_to_text")
            #expect(try await browser.get(location).body.contains("Register a pilot of Scribe Pal"))
        }
    }

    @Test func aToolAnAuthorityBuiltHasNoProviderAndReadersMayNotAddOne() async throws {
        try await TestRegistry.run { registry in
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let path = "/manage/tools/new/details?name=Case+helper&provider=none"
            let details = try await browser.get(path)
            #expect(details.body.contains("Nobody: an authority built it") && !details.body.contains(#"id="provider_name""#))
            let csrf = try await browser.csrfToken(on: path)
            let submission = try #require(details.body.firstMatch(of: /name="submission" value="([^"]+)"/)).output.1
            let saved = try await browser.send(
                .post, "/manage/tools",
                form: [("csrf_token", csrf), ("submission", String(submission)), ("provider", "none"), ("name", "Case helper"),
                       ("kind", "case_summarisation"), ("technology", "generative_ai")])
            #expect(saved.status == 303)
            #expect(try await registry.count("tools", where: "provider_id IS NULL AND name = 'Case helper'") == 1)

            var reader = try await SignInTests.signedInAnalyst(registry)
            #expect(try await reader.get("/manage/tools/new").status == 403)
        }
    }
}
