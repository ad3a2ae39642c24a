import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// The records an authority keeps one of, on pages of their own: its single view and its
/// contact. Made the first time, changed after, never over a colleague's unseen save; the
/// contact, personal data, seen only by the authority's editors.
@Suite struct AuthoritySectionPageTests {
    @Test func anEditorRecordsTheSingleViewThenChangesItPastAColleaguesSave() async throws {
        try await TestRegistry.run { registry in
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            #expect(try await browser.get("/manage").body.contains(#"href="/manage/single-view""#))
            let empty = try await browser.get("/manage/single-view")
            #expect(empty.status == 200 && !empty.body.contains(#"name="version""#))
            let csrf = try await browser.csrfToken(on: "/manage/single-view")
            var answers = [("csrf_token", csrf), ("name", "Child view"), ("data_sources", "education"), ("data_sources", "police"),
                           ("data_model_url", "not a link")]
            let refused = try await browser.send(.post, "/manage/single-view", form: answers)
            #expect(refused.status == 400 && refused.body.contains("Select whether you have a single view"))
            #expect(refused.body.contains(#"value="police" checked"#) && refused.body.contains(#"value="Child view""#))
            answers += [("status", "live"), ("sharing_level", "public")]
            let badLink = try await browser.send(.post, "/manage/single-view", form: answers)
            #expect(badLink.status == 400 && badLink.body.contains("The link to its data model must be an http or https address"))
            #expect(try await registry.count("single_views", where: "deleted_at IS NULL") == 0)

            answers[4] = ("data_model_url", "https://hartlepool.example/model")
            let saved = try await browser.send(.post, "/manage/single-view", form: answers)
            #expect(saved.status == 303 && saved.headers[.location] == "/manage?saved=single-view")
            #expect(try await browser.send(.post, "/manage/single-view", form: answers).status == 303, "a second click")
            #expect(try await registry.count("single_views") == 1)
            #expect(try await browser.get("/manage?saved=single-view").body.contains("Single view saved"))

            let filled = try await browser.get("/manage/single-view")
            let version = String(try #require(filled.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            #expect(filled.body.contains(#"value="education" checked"#))
            let id = try #require(try await registry.get("/api/v1/single-views?authority=E06000001").items.first?["id"] as? String)
            let theirs = Fixtures.singleView.replacingOccurrences(of: "Child view", with: "Family view")
            #expect(try await registry.send(.put, "/api/v1/single-views/\(id)", json: theirs).status == 200)
            answers[1] = ("name", "Child view 2")
            let conflict = try await browser.send(.post, "/manage/single-view", form: answers + [("version", version)])
            #expect(conflict.status == 409 && conflict.body.contains("Family view") && conflict.body.contains("Child view 2"))
            let current = String(try #require(conflict.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            let over = try await browser.send(.post, "/manage/single-view", form: answers + [("version", current)])
            #expect(over.status == 303)
            #expect(try await registry.get("/api/v1/single-views/\(id)").string("name") == "Child view 2")
            #expect(try await registry.count("audit_events", where: "resource_type = 'single_view'") == 3)
        }
    }

    @Test func theContactIsKeptForTheAuthoritysEditorsOnly() async throws {
        try await TestRegistry.run { registry in
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            let csrf = try await browser.csrfToken(on: "/manage/contact")
            var answers = [("csrf_token", csrf), ("name", "Sam Lead"), ("email", "sam@"), ("role", "Digital lead")]
            let refused = try await browser.send(.post, "/manage/contact", form: answers)
            #expect(refused.status == 400 && refused.body.contains("Select whether DfE may contact them"))
            #expect(refused.body.contains("The email address"))
            answers[2] = ("email", "sam@hartlepool.example")
            answers.append(("consent", "yes"))
            #expect(try await browser.send(.post, "/manage/contact", form: answers).headers[.location] == "/manage?saved=contact")
            let home = try await browser.get("/manage?saved=contact")
            #expect(home.body.contains("Contact saved"))
            #expect(try await browser.get("/manage/contact").body.contains(#"value="sam@hartlepool.example""#))

            var outsider = try await SignInTests.signedInLeedsEditor(registry)
            let theirs = try await outsider.get("/manage/contact")
            #expect(theirs.status == 200 && !theirs.body.contains("Sam Lead"), "another authority's editor sees only their own")
            var analyst = try await SignInTests.signedInAnalyst(registry)
            #expect(try await analyst.get("/manage/contact").status == 403)
        }
    }

    @Test func anEditorDeletesTheSingleViewAfterSeeingIt() async throws {
        try await TestRegistry.run { registry in
            _ = try await registry.create("/api/v1/single-views", Fixtures.singleView)
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            #expect(try await browser.get("/manage/single-view").body.contains(#"href="/manage/single-view/delete""#))
            let confirm = try await browser.get("/manage/single-view/delete")
            #expect(confirm.status == 200 && confirm.body.contains("Delete this single view?"))
            let version = String(try #require(confirm.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            let csrf = try await browser.csrfToken(on: "/manage/single-view")
            #expect(try await browser.send(.post, "/manage/single-view/delete", form: [("csrf_token", csrf)]).status == 409,
                    "without the version shown, nothing is deleted")
            let deleted = try await browser.send(.post, "/manage/single-view/delete", form: [("csrf_token", csrf), ("version", version)])
            #expect(deleted.headers[.location] == "/manage?saved=single-view-deleted")
            #expect(try await registry.count("single_views", where: "deleted_at IS NULL") == 0)
            #expect(try await browser.get("/manage?saved=single-view-deleted").body.contains("Single view deleted"))
        }
    }
}
