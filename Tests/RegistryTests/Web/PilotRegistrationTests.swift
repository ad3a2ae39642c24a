import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// Registering a pilot in the browser: the tool found in the catalogue, the details with every
/// error at its field and every answer kept, the answers checked, and one pilot however often
/// "Register" is pressed.
@Suite struct PilotRegistrationTests {
    static func hidden(_ page: String) -> [(String, String)] {
        page.matches(of: /<input type="hidden" name="([^"]+)" value="([^"]*)">/).map {
            (String($0.output.1), String($0.output.2).replacingOccurrences(of: "&#39;", with: "'"))
        }
    }

    @Test func anEditorRegistersAPilotOnceWithEveryErrorAtItsField() async throws {
        try await TestRegistry.run { registry in
            let (_, tool, _) = try await registry.makePilot()
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let found = try await browser.get("/manage/pilots/new?q=visit%20note")
            #expect(found.status == 200 && found.body.contains(#"name="tool" type="radio" value="\#(tool)""#))
            #expect(found.body.contains("by Test Voice Ltd"))
            let unchosen = try await browser.get("/manage/pilots/new/details?q=visit")
            #expect(unchosen.status == 400 && unchosen.body.contains("Select the tool the pilot is of"))
            let details = try await browser.get("/manage/pilots/new/details?tool=\(tool)")
            #expect(details.status == 200 && details.body.contains("About the pilot"))
            let csrf = try await browser.csrfToken(on: "/manage/pilots/new/details?tool=\(tool)")
            let before = try await registry.count("pilots")

            // Nothing chosen: every error, in the summary and at its field, nothing written.
            let empty = try await browser.send(.post, "/manage/pilots/new/check", form: [("csrf_token", csrf), ("tool", tool)])
            #expect(empty.status == 400 && empty.body.contains("<title>Error: About the pilot"))
            for message in ["Enter the pilot&#39;s name", "Select where the tool came from", "Select who may read the pilot",
                            "Select the phase the pilot is in", "Enter the date it began"] {
                #expect(empty.body.components(separatedBy: message).count == 3, "\(message) in the summary and at the field")
            }
            // An impossible date: its error alone, every other answer kept.
            var answers = [("csrf_token", csrf), ("tool", tool), ("title", "Visit notes in Hartlepool's assessment teams"),
                           ("origin", "procured"), ("sharing_level", "network"), ("phase", "pilot"),
                           ("since-day", "31"), ("since-month", "2"), ("since-year", "2025"),
                           ("service_areas", "front_door"), ("service_areas", "early_help")]
            let impossible = try await browser.send(.post, "/manage/pilots/new/check", form: answers)
            #expect(impossible.status == 400 && impossible.body.contains("The date it began must be a real date"))
            #expect(impossible.body.contains(#"value="Visit notes in Hartlepool&#39;s assessment teams""#))
            #expect(impossible.body.contains(#"value="procured" checked"#) && impossible.body.contains(#"value="network" checked"#))
            #expect(impossible.body.contains(#"value="early_help" checked"#))
            #expect(impossible.body.contains(#"name="since-day" type="text" inputmode="numeric" value="31""#))
            // A date the API's rules refuse (in the future) is shown at the same field.
            answers[6...8] = [("since-day", "1"), ("since-month", "1"), ("since-year", "2100")]
            let future = try await browser.send(.post, "/manage/pilots/new/check", form: answers)
            let futureRegistered = try await browser.send(
                .post, "/manage/pilots", form: answers + [("submission", UUID().uuidString)])
            #expect(future.status == 400 && future.body.contains("The date it began must not be in the future"))
            #expect(futureRegistered.status == 400 && futureRegistered.body.contains("id=\"since-error\""), "\(futureRegistered.status)")
            #expect(try await registry.count("pilots") == before)

            answers[6...8] = [("since-day", "1"), ("since-month", "9"), ("since-year", "2025")]
            let check = try await browser.send(.post, "/manage/pilots/new/check", form: answers)
            #expect(check.status == 200 && check.body.contains("Check your answers before registering the pilot"))
            #expect(check.body.contains("Bought from a provider") && check.body.contains("Pilot, since 1 September 2025"))
            #expect(check.body.contains("Front door, Early help"), "\(check.body)")
            let form = Self.hidden(check.body)
            #expect(form.contains { $0.0 == "submission" })
            let first = try await browser.send(.post, "/manage/pilots", form: form)
            let second = try await browser.send(.post, "/manage/pilots", form: form)
            #expect(first.status == 303 && first.headers[.location]?.hasPrefix("/manage?registered=") == true)
            #expect(second.headers[.location] == first.headers[.location])
            #expect(try await registry.count("pilots") == before + 1)
            let home = try await browser.get(try #require(first.headers[.location]))
            #expect(home.body.contains("Pilot registered: Visit notes in Hartlepool&#39;s assessment teams"))
            // Written as the API would have: audited under the editor's name, its first phase dated.
            let id = String(try #require(first.headers[.location]).dropFirst("/manage?registered=".count))
            let pilot = try await registry.get("/api/v1/pilots/\(id)").json
            #expect(pilot["phase"] as? String == "pilot" && pilot["phase_since"] as? String == "2025-09-01")
            #expect(pilot["lead_authority"] as? String == "E06000001" && pilot["sharing_level"] as? String == "network")
            #expect(pilot["service_areas"] as? [String] == ["front_door", "early_help"])
            #expect(try await registry.count("audit_events", where: "action = 'create' AND resource_type = 'pilot' AND actor_name = 'Jo Smith'") == 1)
        }
    }
}
