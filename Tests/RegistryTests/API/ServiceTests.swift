import Foundation
import Testing

@Suite struct ServiceTests {
    @Test func healthReportsTheDatabaseAnswering() async throws {
        try await TestRegistry.run { registry in
            for path in ["/api/v1/health", "/health"] {
                let reply = try await registry.get(path)
                #expect(reply.status == 200)
                #expect(try reply.string("database") == "ok")
            }
        }
    }

    @Test func openAPIDocumentIsServed() async throws {
        try await TestRegistry.run { registry in
            let reply = try await registry.get("/api/v1/openapi.yaml")
            #expect(reply.status == 200)
            #expect(reply.body.hasPrefix("openapi: 3.1"))
            #expect(reply.body.contains("operationId: createPhaseChange"))
        }
    }

    @Test func regionsAndAuthoritiesComeFromTheReferenceData() async throws {
        try await TestRegistry.run { registry in
            #expect(try await registry.get("/api/v1/regions").items.count == 9)
            let all = try await registry.get("/api/v1/authorities").items
            #expect(all.count == 153)
            let northEast = try await registry.get("/api/v1/authorities?region=E12000001").items
            #expect(northEast.count == 12)
            for code in ["E08000038", "E08000016", "370"] {
                let barnsley = try await registry.get("/api/v1/authorities/\(code)")
                #expect(barnsley.status == 200)
                #expect(try barnsley.string("name") == "Barnsley")
                #expect(try barnsley.json["former_codes"] as? [String] == ["E08000016"])
            }
            #expect(try await registry.get("/api/v1/authorities/E99999999").status == 404)
            #expect(try await registry.get("/api/v1/authorities?region=nowhere").status == 422)
        }
    }

    @Test func regionsAreNetworksWithTheirAuthoritiesAsMembers() async throws {
        try await TestRegistry.run { registry in
            let london = try await registry.get("/api/v1/networks/london")
            #expect(london.status == 200)
            #expect(try london.string("kind") == "region")
            #expect((try london.json["members"] as? [String])?.count == 33)
            let networks = try await registry.get("/api/v1/networks?authority=E09000007").items
            #expect(networks.compactMap { $0["slug"] as? String } == ["london"])
        }
    }
}
