import Foundation
import Testing

/// Every class of bad input gets a 4xx problem naming the field, and writes nothing.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let method: String
        /// `{pilot}` and `{tool}` are replaced with a fresh pilot's and tool's ids.
        let path: String
        let body: String
        let status: Int
        let field: String

        var description: String { name }
    }

    static let longTitle = String(repeating: "x", count: 201)

    static let cases: [Case] = [
        Case(name: "malformed JSON", method: "POST", path: "/api/v1/providers", body: #"{"name": "#, status: 400, field: "body"),
        Case(name: "JSON that is not an object", method: "POST", path: "/api/v1/providers", body: #"["name"]"#, status: 400, field: "body"),
        Case(name: "wrong type", method: "POST", path: "/api/v1/providers", body: #"{"name": 42}"#, status: 400, field: "name"),
        Case(name: "null for a required field", method: "POST", path: "/api/v1/providers", body: #"{"name": null}"#, status: 400, field: "name"),
        Case(name: "missing required field", method: "POST", path: "/api/v1/tools", body: #"{"name": "x", "kind": "translation"}"#, status: 400, field: "technology"),
        Case(name: "unknown enum value", method: "POST", path: "/api/v1/tools", body: #"{"name": "x", "kind": "mind_reading", "technology": "generative_ai"}"#, status: 400, field: "kind"),
        Case(name: "unknown enum value in a list", method: "POST", path: "/api/v1/pilots/{pilot}/assessments", body: #"{"kind": "dpia", "status": "completed", "safeguards": ["crossed_fingers"]}"#, status: 400, field: "safeguards[0]"),
        Case(name: "wrong type nested in a list", method: "POST", path: "/api/v1/pilots/{pilot}/evaluations", body: #"{"evaluator": "internal", "status": "completed", "measures": [{"name": "hours", "baseline": "ten"}]}"#, status: 400, field: "measures[0].baseline"),
        Case(name: "empty name", method: "POST", path: "/api/v1/providers", body: #"{"name": "   "}"#, status: 422, field: "name"),
        Case(name: "text too long", method: "POST", path: "/api/v1/pilots", body: Fixtures.pilot(toolID: "{tool}").replacingOccurrences(of: "Visit notes pilot", with: longTitle), status: 422, field: "title"),
        Case(name: "negative FTE", method: "POST", path: "/api/v1/pilots/{pilot}/resourcing", body: #"{"stage": "develop", "fte": -0.5}"#, status: 422, field: "fte"),
        Case(name: "negative money", method: "POST", path: "/api/v1/pilots/{pilot}/resourcing", body: #"{"stage": "develop", "amount_gbp": "-100.00"}"#, status: 422, field: "amount_gbp"),
        Case(name: "money with fractions of a penny", method: "POST", path: "/api/v1/pilots/{pilot}/resourcing", body: #"{"stage": "develop", "amount_gbp": "10.001"}"#, status: 422, field: "amount_gbp"),
        Case(name: "money as a float", method: "POST", path: "/api/v1/pilots/{pilot}/resourcing", body: #"{"stage": "develop", "amount_gbp": 100.5}"#, status: 400, field: "amount_gbp"),
        Case(name: "period ends before it starts", method: "POST", path: "/api/v1/pilots/{pilot}/resourcing", body: #"{"stage": "develop", "fte": 1, "period_start": "2025-04-01", "period_end": "2025-03-31"}"#, status: 422, field: "period_end"),
        Case(name: "evaluation completed before it started", method: "POST", path: "/api/v1/pilots/{pilot}/evaluations", body: #"{"evaluator": "internal", "status": "completed", "started_on": "2025-04-01", "completed_on": "2024-01-01"}"#, status: 422, field: "completed_on"),
        Case(name: "impossible date", method: "POST", path: "/api/v1/pilots/{pilot}/assessments", body: #"{"kind": "dpia", "status": "completed", "completed_on": "2025-13-01"}"#, status: 422, field: "completed_on"),
        Case(name: "link that is not http", method: "POST", path: "/api/v1/pilots/{pilot}/assessments", body: #"{"kind": "dpia", "status": "completed", "link": "javascript:alert(1)"}"#, status: 422, field: "link"),
        Case(name: "unknown tool", method: "POST", path: "/api/v1/pilots", body: Fixtures.pilot(toolID: UUID().uuidString), status: 422, field: "tool_id"),
        Case(name: "malformed tool id", method: "POST", path: "/api/v1/pilots", body: Fixtures.pilot(toolID: "tool-1"), status: 422, field: "tool_id"),
        Case(name: "unknown provider", method: "POST", path: "/api/v1/tools", body: Fixtures.tool(providerID: UUID().uuidString), status: 422, field: "provider_id"),
        Case(name: "unknown lead authority", method: "POST", path: "/api/v1/pilots", body: Fixtures.pilot(toolID: "{tool}").replacingOccurrences(of: "E06000001", with: "E06999999"), status: 422, field: "lead_authority"),
        Case(name: "unknown participant", method: "POST", path: "/api/v1/pilots", body: Fixtures.pilot(toolID: "{tool}").replacingOccurrences(of: #"["806"]"#, with: #"["806", "999"]"#), status: 422, field: "participants[1]"),
        Case(name: "unknown network member", method: "POST", path: "/api/v1/networks", body: #"{"slug": "x-y", "name": "X", "kind": "other", "members": ["E06000001", "nowhere"]}"#, status: 422, field: "members[1]"),
        Case(name: "bad network slug", method: "POST", path: "/api/v1/networks", body: #"{"slug": "Not A Slug", "name": "X", "kind": "other", "members": []}"#, status: 422, field: "slug"),
        Case(name: "bad email", method: "POST", path: "/api/v1/contacts", body: #"{"authority": "E06000001", "name": "A", "email": "not-an-email", "consent_to_contact": true}"#, status: 422, field: "email"),
        Case(name: "empty measure name", method: "POST", path: "/api/v1/pilots/{pilot}/evaluations", body: #"{"evaluator": "internal", "status": "completed", "measures": [{"name": ""}]}"#, status: 422, field: "measures[0].name"),
        Case(name: "unknown single-view authority", method: "POST", path: "/api/v1/single-views", body: #"{"authority": "Narnia", "status": "live", "sharing_level": "public"}"#, status: 422, field: "authority"),
        Case(name: "bad replacement", method: "PUT", path: "/api/v1/pilots/{pilot}", body: #"{"title": "x"}"#, status: 400, field: "tool_id"),
        Case(name: "NUL character in text", method: "POST", path: "/api/v1/providers", body: #"{"name": "bad\u0000name"}"#, status: 400, field: "body"),
        Case(name: "misspelt field", method: "POST", path: "/api/v1/pilots/{pilot}/resourcing", body: #"{"stage": "develop", "amount": "42000.00"}"#, status: 400, field: "amount"),
        Case(name: "unknown field nested in a list", method: "POST", path: "/api/v1/pilots/{pilot}/evaluations", body: #"{"evaluator": "internal", "status": "completed", "measures": [{"name": "hours", "baseline_value": 3}]}"#, status: 400, field: "measures[0].baseline_value"),
        Case(name: "null for an optional field", method: "POST", path: "/api/v1/providers", body: #"{"name": "x", "website": null}"#, status: 400, field: "website"),
        Case(name: "bad phase change", method: "POST", path: "/api/v1/pilots/{pilot}/phases", body: #"{"phase": "sideways", "effective_on": "2025-01-01"}"#, status: 400, field: "phase"),
    ]

    @Test(arguments: cases)
    func badInputIsRefusedNamingTheFieldAndWritesNothing(_ badCase: Case) async throws {
        try await TestRegistry.run { registry in
            let (pilot, tool, _) = try await registry.makePilot()
            let path = badCase.path.replacingOccurrences(of: "{pilot}", with: pilot)
            let body = badCase.body.replacingOccurrences(of: "{tool}", with: tool)
            let before = try await registry.snapshot()

            let reply = try await registry.send(.init(badCase.method)!, path, json: body)

            #expect(reply.status == badCase.status, "\(reply.body)")
            #expect(reply.contentType == "application/problem+json")
            #expect(try reply.json["status"] as? Int == badCase.status)
            #expect(try reply.problemFields.contains(badCase.field), "\(reply.body)")
            #expect(!reply.body.contains("SELECT") && !reply.body.contains("PSQLError"))
            #expect(try await registry.snapshot() == before)
        }
    }

    @Test func bodyOverOneMebibyteIsRefused() async throws {
        try await TestRegistry.run { registry in
            let padding = String(repeating: "a", count: 1024 * 1024)
            let before = try await registry.snapshot()
            let reply = try await registry.post("/api/v1/providers", #"{"name": "x", "description": "\#(padding)"}"#)
            #expect(reply.status == 413)
            #expect(try reply.problemFields == ["body"])
            #expect(try await registry.snapshot() == before)
        }
    }

    @Test func bodyWithoutJSONContentTypeIsRefused() async throws {
        try await TestRegistry.run { registry in
            let reply = try await registry.send(.post, "/api/v1/providers", json: nil, headers: [.contentType: "text/plain"])
            #expect(reply.status == 415)
            #expect(reply.contentType == "application/problem+json")
        }
    }

    @Test func nulCharacterInAQueryParameterIsRefused() async throws {
        try await TestRegistry.run { registry in
            let reply = try await registry.get("/api/v1/pilots?authority=E0600%00001")
            #expect(reply.status == 400)
            #expect(try reply.problemFields == ["authority"])
        }
    }

    @Test func unknownRouteIsAProblem() async throws {
        try await TestRegistry.run { registry in
            let reply = try await registry.get("/api/v1/nothing-here")
            #expect(reply.status == 404)
            #expect(reply.contentType == "application/problem+json")
        }
    }

    @Test func unknownFieldIsNamedWithTheNearestKnownOne() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot()
            let reply = try await registry.post(
                "/api/v1/pilots/\(pilot)/resourcing", #"{"stage": "develop", "amount": "42000.00"}"#)
            #expect(reply.body.contains("did you mean amount_gbp?"), "\(reply.body)")
            let typo = try await registry.post("/api/v1/providers", #"{"name": "x", "websit": "https://example.org"}"#)
            #expect(typo.body.contains("did you mean website?"), "\(typo.body)")
        }
    }

    /// A client may send back what it read: id, version, timestamps and names shown beside codes
    /// are read-only, accepted and ignored.
    @Test func recordAsReadCanBePutBack() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot()
            let read = try await registry.get("/api/v1/pilots/\(pilot)")
            let replaced = try await registry.send(
                .put, "/api/v1/pilots/\(pilot)", json: read.body, ifMatch: read.headers[.eTag])
            #expect(replaced.status == 200, "\(replaced.body)")
            #expect(try replaced.json["version"] as? Int == 2)
            #expect(try replaced.json["created_at"] as? String == (try read.json["created_at"] as? String))
        }
    }
}
