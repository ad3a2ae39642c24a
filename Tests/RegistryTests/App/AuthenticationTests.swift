import Foundation
import HTTPTypes
import Testing

@testable import Registry

@Suite struct AuthenticationTests {
    @Test func anonymousCallersReadButMustSignInToWrite() async throws {
        try await TestRegistry.run { registry in
            #expect(try await registry.get("/api/v1/pilots", as: .anonymous).status == 200)
            let before = try await registry.snapshot()
            let refused = try await registry.post("/api/v1/providers", Fixtures.provider, as: .anonymous)
            #expect(refused.status == 401)
            #expect(refused.contentType == "application/problem+json")
            #expect(refused.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(try await registry.snapshot() == before)
        }
    }

    @Test func everyKindOfBadCredentialIsA401AndWritesNothing() async throws {
        try await TestRegistry.run { registry in
            let expired = try await registry.token(.admin, expiresAt: Date().addingTimeInterval(-60))
            let revoked = try await registry.token(.admin)
            let revokedID = try await registry.database.query("SELECT id FROM api_tokens ORDER BY created_at DESC LIMIT 1")
                .first { try $0.get("id", as: UUID.self) }!
            try await IdentityStore(client: registry.database, logger: TestDatabases.shared.logger).revoke(revokedID)
            let headers: [(String, String)] = [
                ("expired", "Bearer \(expired)"),
                ("revoked", "Bearer \(revoked)"),
                ("unknown", "Bearer \(BearerToken.generate().value)"),
                ("malformed", "Bearer not-a-token"),
                ("empty", "Bearer "),
                ("wrong scheme", "Basic \(Data("admin:admin".utf8).base64EncodedString())"),
                ("no scheme", registry.adminToken),
            ]
            let before = try await registry.snapshot()
            for (name, header) in headers {
                let reply = try await registry.send(
                    .post, "/api/v1/providers", json: Fixtures.provider, headers: [.authorization: header])
                #expect(reply.status == 401, "\(name): \(reply.body)")
                #expect(try reply.problemFields == ["Authorization"], "\(name)")
                #expect(reply.headers[.wwwAuthenticate] != nil, "\(name)")
            }
            #expect(try await registry.snapshot() == before)
        }
    }

    @Test func repeatedFailuresFromOneAddressAreSlowedDown() async throws {
        try await TestRegistry.run { registry in
            for _ in 0..<10 {
                let reply = try await registry.get("/api/v1/pilots", as: .token("nope"))
                #expect(reply.status == 401)
            }
            let throttled = try await registry.get("/api/v1/pilots", as: .token("nope"))
            #expect(throttled.status == 429)
            #expect(Int(throttled.headers[.retryAfter] ?? "") ?? 0 > 0)
            // Even a good token waits: the address, not the token, is being slowed down.
            #expect(try await registry.get("/api/v1/pilots").status == 429)
            // Callers who send no credentials are unaffected.
            #expect(try await registry.get("/api/v1/pilots", as: .anonymous).status == 200)
        }
    }

    @Test func tokensAreRandomAndStoredOnlyAsAHash() async throws {
        try await TestRegistry.run { registry in
            let token = registry.adminToken
            #expect(BearerToken(value: token).isWellFormed)
            #expect(token.count == 47)  // "csc_" and 43 base64url characters: 256 bits
            let stored = try await registry.count("api_tokens", where: "token_hash = '\(BearerToken(value: token).hash)'")
            #expect(stored == 1)
            let leaked = try await registry.count("api_tokens", where: "token_hash = '\(token)' OR hint = '\(token)'")
            #expect(leaked == 0)
            #expect(BearerToken.generate().value != BearerToken.generate().value)
        }
    }

    @Test func throttleForgetsFailuresAfterItsWindow() async {
        let throttle = FailedAuthenticationThrottle(limit: 2, window: 60)
        let start = Date()
        await throttle.recordFailure("10.0.0.1", at: start)
        await throttle.recordFailure("10.0.0.1", at: start)
        #expect(await throttle.retryAfter("10.0.0.1", at: start.addingTimeInterval(1)) == 59)
        #expect(await throttle.retryAfter("10.0.0.2", at: start.addingTimeInterval(1)) == nil)
        #expect(await throttle.retryAfter("10.0.0.1", at: start.addingTimeInterval(61)) == nil)
    }
}
