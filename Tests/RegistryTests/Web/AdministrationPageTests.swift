import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// Administrators manage people, networks and tokens from the browser, through the stores and
/// rules the API uses; nobody else opens these pages.
@Suite struct AdministrationPageTests {
    /// A browser signed in as an administrator, with the id of the person they are.
    static func signedInAdmin(_ registry: TestRegistry) async throws -> (browser: TestBrowser, id: String) {
        let subject = "admin-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestOpenIDProvider.addAccount(subject, email: "\(subject)@registry.example")
        let id = try await registry.create(
            "/api/v1/admin/people", #"{"name": "An administrator", "email": "\#(subject)@registry.example", "role": "admin"}"#)
        var browser = TestBrowser(registry)
        _ = try await browser.signIn(as: subject)
        return (browser, id)
    }

    @Test func anAdministratorInvitesChangesSuspendsAndRestoresAPerson() async throws {
        try await TestRegistry.run { registry in
            var (browser, ownID) = try await Self.signedInAdmin(registry)
            #expect(try await browser.get("/manage").body.contains(#"href="/manage/people""#))
            let csrf = try await browser.csrfToken(on: "/manage/people/new")
            let people = try await registry.count("users")

            var answers = [("csrf_token", csrf), ("submission", UUID().uuidString), ("name", ""), ("email", "sam@")]
            let empty = try await browser.send(.post, "/manage/people", form: answers)
            #expect(empty.status == 400 && empty.body.contains("Enter the person&#39;s name") && empty.body.contains("Select the person&#39;s role"))
            answers += [("role", "authority_editor")]
            answers[2] = ("name", "Sam Lead")
            let noAuthority = try await browser.send(.post, "/manage/people", form: answers)
            #expect(noAuthority.status == 400 && noAuthority.body.contains("Select the authority they edit"))
            #expect(noAuthority.body.contains("The e-mail address must be an e-mail address"))
            #expect(noAuthority.body.contains(#"value="authority_editor" checked"#) && noAuthority.body.contains(#"value="Sam Lead""#))
            #expect(try await registry.count("users") == people, "nothing written")

            answers[3] = ("email", "sam.lead@hartlepool.example")
            answers.append(("authority", "E06000001"))
            let invited = try await browser.send(.post, "/manage/people", form: answers)
            let location = try #require(invited.headers[.location])
            #expect(invited.status == 303 && location.hasSuffix("?saved=invited"))
            #expect(try await browser.send(.post, "/manage/people", form: answers).headers[.location] == location, "a second click")
            #expect(try await registry.count("users", where: "email = 'sam.lead@hartlepool.example'") == 1)
            let id = String(location.dropFirst("/manage/people/".count).prefix(36))
            #expect(try await browser.get(location).body.contains("Person invited"))
            #expect(try await browser.get("/manage/people").body.contains(#"<a href="/manage/people/\#(id)">Sam Lead</a>"#))

            _ = try await registry.create(
                "/api/v1/networks", #"{"slug": "tees-ai", "name": "Tees AI network", "kind": "demonstrator", "members": ["E06000001"]}"#)
            var change = [("csrf_token", csrf), ("name", "Sam Lead"), ("email", "sam.lead@hartlepool.example"), ("role", "network_member"),
                          ("authority", "E06000001")]
            let noNetwork = try await browser.send(.post, "/manage/people/\(id)", form: change)
            #expect(noNetwork.status == 400 && noNetwork.body.contains("Select at least one network"))
            change.append(("networks", "tees-ai"))
            #expect(try await browser.send(.post, "/manage/people/\(id)", form: change).status == 303)
            let changed = try await registry.get("/api/v1/admin/people/\(id)")
            #expect(try changed.string("role") == "network_member" && changed.body.contains("tees-ai") && !changed.body.contains("E06000001"),
                    "the editor's authority is left out for a network member")

            #expect(try await browser.send(.post, "/manage/people/\(id)/suspend", form: [("csrf_token", csrf)]).status == 303)
            #expect(try await registry.get("/api/v1/admin/people/\(id)").string("state") == "suspended")
            #expect(try await browser.get("/manage/people/\(id)").body.contains("Restore Sam Lead"))
            #expect(try await browser.send(.post, "/manage/people/\(id)/restore", form: [("csrf_token", csrf)]).status == 303)
            #expect(try await registry.get("/api/v1/admin/people/\(id)").string("state") == "invited")
            #expect(try await browser.send(.post, "/manage/people/\(id)/end-sessions", form: [("csrf_token", csrf)]).status == 303)
            #expect(try await registry.count("audit_events", where: "resource_type = 'person' AND resource_id = '\(id)'") >= 4)

            // The API's rules about one's own access hold here too.
            let demote = try await browser.send(
                .post, "/manage/people/\(ownID)", form: [("csrf_token", csrf), ("name", "An administrator"), ("role", "national_analyst")])
            #expect(demote.status == 400 && demote.body.contains("may not take away their own administrator role"))
            #expect(try await browser.send(.post, "/manage/people/\(ownID)/suspend", form: [("csrf_token", csrf)]).status == 403)

            var analyst = try await SignInTests.signedInAnalyst(registry)
            #expect(try await analyst.get("/manage/people").status == 403)
            #expect(try await analyst.get("/manage/networks").status == 403)
            #expect(try await analyst.get("/manage/tokens").status == 403)
        }
    }

    @Test func anAdministratorKeepsTheNetworksNeverOverAnUnseenSave() async throws {
        try await TestRegistry.run { registry in
            var (browser, _) = try await Self.signedInAdmin(registry)
            let csrf = try await browser.csrfToken(on: "/manage/networks/new")
            var answers = [("csrf_token", csrf), ("submission", UUID().uuidString), ("name", "Tees AI network"), ("slug", "Tees AI!"),
                           ("kind", "demonstrator"), ("members", "E06000001"), ("members", "E06000002")]
            let badSlug = try await browser.send(.post, "/manage/networks", form: answers)
            #expect(badSlug.status == 400 && badSlug.body.contains("The short name must be 2 to 80 lowercase letters"))
            #expect(badSlug.body.contains(#"value="E06000002" checked"#))
            answers[3] = ("slug", "tees-ai")
            #expect(try await browser.send(.post, "/manage/networks", form: answers).headers[.location] == "/manage/networks?saved=added")
            #expect(try await browser.send(.post, "/manage/networks", form: answers).status == 303, "a second click")
            #expect(try await registry.count("networks", where: "slug = 'tees-ai'") == 1)
            answers[1] = ("submission", UUID().uuidString)
            let taken = try await browser.send(.post, "/manage/networks", form: answers)
            #expect(taken.status == 400 && taken.body.contains("The short name is used by another network"))

            let network = try await registry.get("/api/v1/networks/tees-ai")
            let id = try network.string("id")
            let page = try await browser.get("/manage/networks/\(id)")
            let version = String(try #require(page.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            _ = try await registry.send(
                .put, "/api/v1/networks/tees-ai",
                json: #"{"slug": "tees-ai", "name": "Tees Valley AI", "kind": "demonstrator", "members": ["E06000001"]}"#)
            let mine = [("csrf_token", csrf), ("name", "Tees AI network"), ("slug", "tees-ai"), ("kind", "demonstrator"),
                        ("members", "E06000001"), ("members", "E06000003")]
            let conflict = try await browser.send(.post, "/manage/networks/\(id)", form: mine + [("version", version)])
            #expect(conflict.status == 409 && conflict.body.contains("Tees Valley AI") && conflict.body.contains("Redcar and Cleveland"))
            #expect(try await registry.get("/api/v1/networks/tees-ai").string("name") == "Tees Valley AI", "nothing overwritten")
            let current = String(try #require(conflict.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            #expect(try await browser.send(.post, "/manage/networks/\(id)", form: mine + [("version", current)]).status == 303)
            #expect(try await registry.get("/api/v1/networks/tees-ai").string("name") == "Tees AI network")

            let confirm = try await browser.get("/manage/networks/\(id)/delete")
            #expect(confirm.status == 200 && confirm.body.contains("Delete this network?"))
            let deleteVersion = String(try #require(confirm.body.firstMatch(of: /name="version" value="(\d+)"/)).output.1)
            let deleted = try await browser.send(.post, "/manage/networks/\(id)/delete", form: [("csrf_token", csrf), ("version", deleteVersion)])
            #expect(deleted.headers[.location] == "/manage/networks?saved=deleted")
            #expect(try await registry.get("/api/v1/networks/tees-ai").status == 404)
        }
    }

    @Test func anAdministratorRevokesAnyonesToken() async throws {
        try await TestRegistry.run { registry in
            let token = try await registry.token(.nationalAnalyst)
            #expect(try await registry.get("/api/v1/pilots", as: .token(token)).status == 200)
            var (browser, _) = try await Self.signedInAdmin(registry)
            let list = try await browser.get("/manage/tokens")
            #expect(list.status == 200 && list.body.contains("Test national_analyst"))
            let row = try #require(list.body.firstMatch(of: /Test national_analyst<\/a>.*?href="\/manage\/tokens\/([0-9a-f-]+)\/revoke"/.dotMatchesNewlines()))
            let id = String(row.output.1)
            let csrf = try await browser.csrfToken(on: "/manage/tokens")
            #expect(try await browser.get("/manage/tokens/\(id)/revoke").body.contains("Are you sure you want to revoke"))
            #expect(try await browser.send(.post, "/manage/tokens/\(id)/revoke", form: [("csrf_token", csrf)]).headers[.location]
                    == "/manage/tokens?saved=revoked")
            #expect(try await registry.get("/api/v1/pilots", as: .token(token)).status == 401)
        }
    }
}
