import Foundation
import HTTPTypes
import Testing

@Suite struct IdempotencyTests {
    let key = HTTPField.Name("Idempotency-Key")!

    @Test func retryWithTheSameKeyAndBodyGetsTheFirstResponse() async throws {
        try await TestRegistry.run { registry in
            let first = try await registry.send(.post, "/api/v1/providers", json: Fixtures.provider, headers: [key: "abc-1"])
            let retry = try await registry.send(.post, "/api/v1/providers", json: Fixtures.provider, headers: [key: "abc-1"])
            #expect(first.status == 201)
            #expect(retry.status == 201)
            #expect(try retry.string("id") == first.string("id"))
            #expect(retry.headers[.eTag] == #""1""#)
            #expect(try await registry.count("providers") == 1)
            #expect(try await registry.count("audit_events", where: "resource_type = 'provider'") == 1)
        }
    }

    @Test func sameKeyWithAnotherBodyIsA422() async throws {
        try await TestRegistry.run { registry in
            _ = try await registry.send(.post, "/api/v1/providers", json: Fixtures.provider, headers: [key: "abc-2"])
            let other = try await registry.send(.post, "/api/v1/providers", json: #"{"name": "Other"}"#, headers: [key: "abc-2"])
            #expect(other.status == 422)
            #expect(try other.problemFields == ["Idempotency-Key"])
            #expect(try await registry.count("providers") == 1)
        }
    }

    @Test func keysBelongToTheirCaller() async throws {
        try await TestRegistry.run { registry in
            let editor = TestRegistry.Identity.token(try await registry.token(.authorityEditor, authority: "E06000001"))
            _ = try await registry.send(.post, "/api/v1/providers", json: Fixtures.provider, headers: [key: "shared"])
            let theirs = try await registry.send(
                .post, "/api/v1/providers", json: Fixtures.provider, headers: [key: "shared"], as: editor)
            #expect(theirs.status == 201)
            #expect(try await registry.count("providers") == 2)
        }
    }

    @Test func failedRequestFreesItsKey() async throws {
        try await TestRegistry.run { registry in
            let bad = try await registry.send(.post, "/api/v1/providers", json: #"{"name": " "}"#, headers: [key: "fix-me"])
            #expect(bad.status == 422)
            let fixed = try await registry.send(.post, "/api/v1/providers", json: Fixtures.provider, headers: [key: "fix-me"])
            #expect(fixed.status == 201)
        }
    }

    @Test func concurrentBurstWithOneKeyMakesExactlyOneRecord() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot()
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let reply = try await registry.send(
                            .post, "/api/v1/pilots/\(pilot)/resourcing", json: Fixtures.resourcing, headers: [key: "burst"])
                        #expect(reply.status == 201, "\(reply.body)")
                        return try reply.string("id")
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await registry.count("resourcing_lines") == 1)
        }
    }
}
