import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// Optimistic concurrency: every record carries its version as an ETag, and a replace or
/// delete must name the version it read.
@Suite struct ConcurrencyTests {
    @Test(arguments: RecordLifecycleTests.resources)
    func recordsCarryAnETagThatGrowsWithEachChange(_ resource: RecordLifecycleTests.Resource) async throws {
        try await TestRegistry.run { registry in
            let collection = resource.collection.replacingOccurrences(of: "{pilot}", with: try await registry.makePilot().pilot)
            let created = try await registry.post(collection, resource.create)
            #expect(created.headers[.eTag] == #""1""#)
            let id = try created.string("id")
            #expect(try await registry.get("\(collection)/\(id)").headers[.eTag] == #""1""#)

            let missing = try await registry.send(.put, "\(collection)/\(id)", json: resource.update, ifMatch: nil)
            #expect(missing.status == 428)
            #expect(try missing.problemFields == ["If-Match"])

            let replaced = try await registry.send(.put, "\(collection)/\(id)", json: resource.update, ifMatch: #""1""#)
            #expect(replaced.status == 200, "\(replaced.body)")
            #expect(replaced.headers[.eTag] == #""2""#)
            #expect(try replaced.json["version"] as? Int == 2)

            let stale = try await registry.send(.delete, "\(collection)/\(id)", ifMatch: #""1""#)
            #expect(stale.status == 412)
            #expect(stale.headers[.eTag] == #""2""#)
            #expect(try await registry.get("\(collection)/\(id)").status == 200)

            #expect(try await registry.send(.delete, "\(collection)/\(id)", ifMatch: #"W/"2""#).status == 204)
        }
    }

    @Test func malformedIfMatchIsA400() async throws {
        try await TestRegistry.run { registry in
            let id = try await registry.create("/api/v1/providers", Fixtures.provider)
            let reply = try await registry.send(.put, "/api/v1/providers/\(id)", json: Fixtures.provider, ifMatch: "version one")
            #expect(reply.status == 400)
            #expect(try reply.problemFields == ["If-Match"])
        }
    }

    @Test func ofTwoSimultaneousUpdatesToOneVersionExactlyOneWins() async throws {
        try await TestRegistry.run { registry in
            let (pilot, tool, _) = try await registry.makePilot()
            for round in 0..<5 {
                let version = try await registry.get("/api/v1/pilots/\(pilot)").headers[.eTag]!
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for editor in 0..<2 {
                        group.addTask {
                            let body = Fixtures.pilot(toolID: tool).replacingOccurrences(
                                of: "Visit notes pilot", with: "Round \(round) editor \(editor)")
                            return try await registry.send(.put, "/api/v1/pilots/\(pilot)", json: body, ifMatch: version).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.sorted() == [200, 412], "round \(round)")
            }
            let updates = try await registry.count("audit_events", where: "resource_id = '\(pilot)' AND action = 'update'")
            #expect(updates == 5)
        }
    }
}
