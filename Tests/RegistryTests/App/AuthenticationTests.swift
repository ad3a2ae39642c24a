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
            try await IdentityStore(client: registry.database, logger: TestDatabases.shared.logger).revoke(revokedID, context: .commandLine)
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
            // A valid token is never refused for what others did from the same address.
            #expect(try await registry.get("/api/v1/pilots").status == 200)
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

    @Test func aTokenPresentedAgainAndAgainIsSlowedDownWhereverItComesFrom() async {
        let throttle = FailedAuthenticationThrottle(limit: 2, window: 60)
        let start = Date()
        await throttle.recordFailure("token csc_abcdef", at: start)
        await throttle.recordFailure("token csc_abcdef", at: start)
        #expect(await throttle.retryAfter("token csc_abcdef", at: start) == 60)
        #expect(await throttle.retryAfter("token csc_123456", at: start) == nil)
    }

    @Test func throttleHoldsABoundedNumberOfKeys() async {
        let throttle = FailedAuthenticationThrottle(limit: 10, window: 60, capacity: 1_000)
        let start = Date()
        for index in 0..<5_000 {
            await throttle.recordFailure("address 10.0.\(index / 256).\(index % 256)", at: start.addingTimeInterval(Double(index) / 1000))
        }
        #expect(await throttle.keys <= 1_000)
        // The newest failures are the ones kept.
        await throttle.recordFailure("address 10.0.19.135", at: start.addingTimeInterval(5))
        #expect(await throttle.keys <= 1_000)
    }

    @Test func clientAddressComesFromForwardingHeadersOnlyBehindATrustedProxy() throws {
        let proxies = try AddressRange.list("10.0.0.0/8, 192.0.2.1, fd00::/8")
        let forwarded: HTTPFields = [.xForwardedFor: "203.0.113.9, 10.1.2.3"]
        // From the proxy: the nearest untrusted address in the chain.
        #expect(ClientAddress.resolve(peer: "10.9.9.9", headers: forwarded, trusted: proxies) == "203.0.113.9")
        // From anyone else the header is ignored: it could say anything.
        #expect(ClientAddress.resolve(peer: "198.51.100.4", headers: forwarded, trusted: proxies) == "198.51.100.4")
        // Without TRUSTED_PROXIES the peer counts.
        #expect(ClientAddress.resolve(peer: "10.9.9.9", headers: forwarded, trusted: []) == "10.9.9.9")
        // RFC 7239, with a quoted IPv6 address and port.
        let rfc: HTTPFields = [.forwarded: #"for=198.51.100.17;proto=https, for="[2001:db8:cafe::17]:4711""#]
        #expect(ClientAddress.resolve(peer: "192.0.2.1", headers: rfc, trusted: proxies) == "2001:db8:cafe::17")
        #expect(ClientAddress.resolve(peer: "::ffff:10.0.0.5", headers: forwarded, trusted: proxies) == "203.0.113.9")
        #expect(AddressRange("10.0.0.0/33") == nil && AddressRange("not-an-address") == nil)
        #expect(throws: ConfigurationError.self) { try AddressRange.list("10.0.0.0/8, proxy.example") }
    }
}
