import Foundation
import Testing

@Suite struct TokenAdministrationTests {
    @Test func administratorIssuesListsAndRevokesTokens() async throws {
        try await TestRegistry.run { registry in
            let issued = try await registry.post(
                "/api/v1/admin/tokens",
                #"{"name": "Jo Smith", "role": "authority_editor", "authority": "805", "label": "laptop"}"#)
            #expect(issued.status == 201, "\(issued.body)")
            let token = try issued.string("token")
            let details = try #require(try issued.json["details"] as? [String: Any])
            #expect(details["authority"] as? String == "E06000001")
            let id = try #require(details["id"] as? String)

            let editor = TestRegistry.Identity.token(token)
            #expect(try await registry.post("/api/v1/providers", Fixtures.provider, as: editor).status == 201)

            let listed = try await registry.get("/api/v1/admin/tokens")
            #expect(listed.body.contains(id))
            let used = try listed.items.first { $0["id"] as? String == id }
            #expect(used?["last_used_at"] is String, "the first use is recorded")
            #expect(!listed.body.contains(token), "a listed token never shows the token itself")

            #expect(try await registry.delete("/api/v1/admin/tokens/\(id)").status == 204)
            #expect(try await registry.post("/api/v1/providers", Fixtures.provider, as: editor).status == 401)
        }
    }

    /// A token issued without an expiry, for an analyst as the README shows, stops after a year.
    @Test func tokensExpireAfterAYearUnlessToldOtherwise() async throws {
        try await TestRegistry.run { registry in
            let issued = try await registry.post("/api/v1/admin/tokens", #"{"name": "DfE analysis", "role": "national_analyst"}"#)
            #expect(issued.status == 201, "\(issued.body)")
            let details = try #require(try issued.json["details"] as? [String: Any])
            let expiry = try #require((details["expires_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(abs(expiry.timeIntervalSinceNow - 365 * 86_400) < 3_600)

            let far = ISO8601DateFormatter().string(from: Date().addingTimeInterval(4 * 365 * 86_400))
            let refused = try await registry.post("/api/v1/admin/tokens", #"{"name": "Forever", "role": "admin", "expires_at": "\#(far)"}"#)
            #expect(refused.status == 422)
            #expect(try refused.problemFields == ["expires_at"])
        }
    }

    @Test func onlyAdministratorsManageTokens() async throws {
        try await TestRegistry.run { registry in
            let editor = TestRegistry.Identity.token(try await registry.token(.authorityEditor, authority: "E06000001"))
            #expect(try await registry.get("/api/v1/admin/tokens", as: editor).status == 403)
            #expect(try await registry.get("/api/v1/admin/tokens", as: .anonymous).status == 401)
            let body = #"{"name": "Me", "role": "admin"}"#
            #expect(try await registry.post("/api/v1/admin/tokens", body, as: editor).status == 403)
        }
    }

    @Test(arguments: [
        (#"{"name": "X", "role": "authority_editor"}"#, "authority"),
        (#"{"name": "X", "role": "national_analyst", "authority": "805"}"#, "authority"),
        (#"{"name": "X", "role": "network_member"}"#, "networks"),
        (#"{"name": "X", "role": "network_member", "networks": ["nowhere"]}"#, "networks[0]"),
        (#"{"name": "X", "role": "admin", "expires_at": "2001-01-01T00:00:00Z"}"#, "expires_at"),
        (#"{"name": "", "role": "admin"}"#, "name"),
    ])
    func badTokenRequestsNameTheField(body: String, field: String) async throws {
        try await TestRegistry.run { registry in
            let before = try await registry.count("api_tokens")
            let reply = try await registry.post("/api/v1/admin/tokens", body)
            #expect(reply.status == 422, "\(reply.body)")
            #expect(try reply.problemFields == [field])
            #expect(try await registry.count("api_tokens") == before)
        }
    }
}
