import Foundation
import Testing

/// Create, read, list, replace and delete for every kind of record, through the HTTP API.
@Suite struct RecordLifecycleTests {
    /// One kind of record: where it lives, a body to create it, and a change to make to it.
    struct Resource: Sendable, CustomStringConvertible {
        let name: String
        /// The collection path; `{pilot}` is replaced by a fresh pilot's id.
        let collection: String
        let create: String
        let update: String
        let changedField: String
        let changedValue: String

        var description: String { name }
    }

    static let resources: [Resource] = [
        Resource(
            name: "provider", collection: "/api/v1/providers", create: Fixtures.provider,
            update: #"{"name": "Renamed Ltd"}"#, changedField: "name", changedValue: "Renamed Ltd"),
        Resource(
            name: "tool", collection: "/api/v1/tools", create: Fixtures.tool(providerID: nil),
            update: #"{"name": "Notes v2", "kind": "case_summarisation", "technology": "generative_ai"}"#,
            changedField: "kind", changedValue: "case_summarisation"),
        Resource(
            name: "network", collection: "/api/v1/networks",
            create: #"{"slug": "test-alliance", "name": "Test Alliance", "kind": "regional_improvement_alliance", "members": ["E06000001", "806"]}"#,
            update: #"{"slug": "test-alliance", "name": "Renamed Alliance", "kind": "demonstrator", "members": ["E06000001"]}"#,
            changedField: "name", changedValue: "Renamed Alliance"),
        Resource(
            name: "resourcing line", collection: "/api/v1/pilots/{pilot}/resourcing", create: Fixtures.resourcing,
            update: #"{"stage": "maintain", "amount_gbp": "1200"}"#, changedField: "amount_gbp", changedValue: "1200.00"),
        Resource(
            name: "assessment", collection: "/api/v1/pilots/{pilot}/assessments", create: Fixtures.assessment,
            update: #"{"kind": "equality_impact_assessment", "status": "under_way"}"#,
            changedField: "kind", changedValue: "equality_impact_assessment"),
        Resource(
            name: "evaluation", collection: "/api/v1/pilots/{pilot}/evaluations", create: Fixtures.evaluation,
            update: #"{"evaluator": "internal", "status": "under_way"}"#, changedField: "status", changedValue: "under_way"),
        Resource(
            name: "insight", collection: "/api/v1/pilots/{pilot}/insights", create: Fixtures.insight,
            update: #"{"kind": "ask_of_government", "scope": "national", "text": "National guidance"}"#,
            changedField: "text", changedValue: "National guidance"),
        Resource(
            name: "single view", collection: "/api/v1/single-views", create: Fixtures.singleView,
            update: #"{"authority": "807", "status": "in_development", "sharing_level": "sector"}"#,
            changedField: "status", changedValue: "in_development"),
        Resource(
            name: "contact", collection: "/api/v1/contacts", create: Fixtures.contact,
            update: #"{"authority": "E06000001", "name": "Alex Lead", "email": "alex@example.org", "consent_to_contact": false}"#,
            changedField: "name", changedValue: "Alex Lead"),
    ]

    @Test(arguments: resources)
    func recordCanBeCreatedReadListedReplacedAndDeleted(_ resource: Resource) async throws {
        try await TestRegistry.run { registry in
            let collection: String
            if resource.collection.contains("{pilot}") {
                collection = resource.collection.replacingOccurrences(of: "{pilot}", with: try await registry.makePilot().pilot)
            } else {
                collection = resource.collection
            }

            let created = try await registry.post(collection, resource.create)
            #expect(created.status == 201, "\(created.body)")
            let id = try created.string("id")
            #expect(try created.json["is_demo"] as? Bool == false)

            let read = try await registry.get("\(collection)/\(id)")
            #expect(read.status == 200)
            #expect(try read.string("id") == id)

            let listed = try await registry.get(collection + "?limit=200")
            #expect(try listed.items.contains { $0["id"] as? String == id })

            let replaced = try await registry.put("\(collection)/\(id)", resource.update)
            #expect(replaced.status == 200, "\(replaced.body)")
            #expect(try replaced.string(resource.changedField) == resource.changedValue)
            #expect(try await registry.get("\(collection)/\(id)").string(resource.changedField) == resource.changedValue)

            #expect(try await registry.delete("\(collection)/\(id)").status == 204)
            #expect(try await registry.get("\(collection)/\(id)").status == 404)
            #expect(try await registry.delete("\(collection)/\(id)").status == 404)
            #expect(try await registry.put("\(collection)/\(id)", resource.update).status == 404)
            #expect(try await !registry.get(collection + "?limit=200").items.contains { $0["id"] as? String == id })
        }
    }

    @Test(arguments: resources)
    func unknownIdIsNotFoundWithProblemBody(_ resource: Resource) async throws {
        try await TestRegistry.run { registry in
            let collection = resource.collection.replacingOccurrences(of: "{pilot}", with: try await registry.makePilot().pilot)
            for id in [UUID().uuidString.lowercased(), "not-an-id"] {
                let reply = try await registry.get("\(collection)/\(id)")
                #expect(reply.status == 404)
                #expect(reply.contentType == "application/problem+json")
                #expect(try reply.json["status"] as? Int == 404)
            }
        }
    }

    @Test func deletedRecordsStayInTheDatabase() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot()
            #expect(try await registry.delete("/api/v1/pilots/\(pilot)").status == 204)
            #expect(try await registry.count("pilots", where: "id = '\(pilot)' AND deleted_at IS NOT NULL") == 1)
            #expect(try await registry.get("/api/v1/pilots/\(pilot)/phases").status == 404)
        }
    }

    @Test func providerInUseCannotBeDeleted() async throws {
        try await TestRegistry.run { registry in
            let (_, tool, provider) = try await registry.makePilot()
            let refused = try await registry.delete("/api/v1/providers/\(provider)")
            #expect(refused.status == 409)
            #expect(refused.contentType == "application/problem+json")
            #expect(try await registry.delete("/api/v1/tools/\(tool)").status == 409)
        }
    }

    @Test func networkIsFoundBySlugAndDuplicateSlugIsAConflict() async throws {
        try await TestRegistry.run { registry in
            let body = #"{"slug": "north-east-ai", "name": "NE AI", "kind": "demonstrator", "members": ["E06000001"]}"#
            _ = try await registry.create("/api/v1/networks", body)
            let bySlug = try await registry.get("/api/v1/networks/north-east-ai")
            #expect(bySlug.status == 200)
            #expect(try bySlug.json["members"] as? [String] == ["E06000001"])
            let before = try await registry.snapshot()
            #expect(try await registry.post("/api/v1/networks", body).status == 409)
            #expect(try await registry.snapshot() == before)
        }
    }
}
