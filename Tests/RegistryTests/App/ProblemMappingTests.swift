import Foundation
import Testing

@testable import Registry

/// Each kind of failure the generated request decoding reports becomes a 400 naming the
/// parameter or field, found from the error's type and the request, never from the runtime's
/// wording: a runtime release that rewords a message fails one of these, not a user.
@Suite struct ProblemMappingTests {
    @Test(arguments: [
        ("/api/v1/stats/sideways", "topic", "adoption"),
        ("/api/v1/stats/ees/nothing", "dataset", "adoption_time_series"),
        ("/api/v1/export/tables/everything", "table", "pilots"),
    ])
    func unknownPathValueIsNamedWithTheAllowedValues(path: String, parameter: String, allowed: String) async throws {
        try await TestRegistry.run { registry in
            let reply = try await registry.get(path)
            #expect(reply.status == 400, "\(reply.body)")
            #expect(try reply.problemFields == [parameter], "\(reply.body)")
            #expect(reply.body.contains(allowed), "\(reply.body)")
        }
    }

    @Test(arguments: [
        ("/api/v1/admin/audit?resource_type=gossip", "resource_type"),
        ("/api/v1/admin/audit?since=last-week", "since"),
        ("/api/v1/stats/adoption?geographic_level=street", "geographic_level"),
        ("/api/v1/tools?technology=telepathy", "technology"),
    ])
    func unreadableQueryValueIsNamed(path: String, parameter: String) async throws {
        try await TestRegistry.run { registry in
            let reply = try await registry.get(path)
            #expect(reply.status == 400, "\(reply.body)")
            #expect(try reply.problemFields == [parameter], "\(reply.body)")
        }
    }

    /// A full statistics queue, or a request stopped before it finished, is "try again shortly",
    /// never a 500.
    @Test(arguments: [ConcurrencyLimit.Full() as any Error, CancellationError()])
    func refusedOrStoppedWorkIsUnavailableForAWhile(_ error: any Error) {
        let problem = ProblemMapping.problem(for: error, requestID: "r")
        #expect(problem.status == 503)
        #expect(problem.headers[.retryAfter] == "5")
    }

    @Test func bodyOfAnotherContentTypeNamesTheHeader() async throws {
        try await TestRegistry.run { registry in
            let reply = try await registry.send(
                .post, "/api/v1/providers", json: #"{"name": "x"}"#, headers: [.contentType: "text/plain"])
            #expect(reply.status == 415)
            #expect(try reply.problemFields == ["Content-Type"], "\(reply.body)")
        }
    }

    @Test(arguments: [
        (#"{"name": {"first": "x"}}"#, "name", "must be a string"),
        (#"{"name": "x", "website": ["a"]}"#, "website", "must be a string"),
        (#""just text""#, "body", "must be an object"),
        (#"{"name": true"#, "body", "is not valid JSON"),
    ])
    func bodyDecodingFailureSaysWhatWasExpected(body: String, field: String, message: String) async throws {
        try await TestRegistry.run { registry in
            let reply = try await registry.post("/api/v1/providers", body)
            #expect(reply.status == 400, "\(reply.body)")
            #expect(try reply.problemFields == [field], "\(reply.body)")
            #expect(reply.body.contains(message), "\(reply.body)")
        }
    }

    /// Every operation openapi.yaml gives a JSON body is checked for fields it does not define.
    @Test func everyJSONRequestBodyIsCheckedForUnknownFields() throws {
        let document = try String(contentsOf: try TestDatabases.shared.resources.openAPIDocument, encoding: .utf8)
        let paths = document[document.range(of: "\npaths:")!.upperBound..<document.range(of: "\ncomponents:")!.lowerBound]
        var withJSONBodies: Set<String> = []
        for operation in paths.split(separator: /\n    (?=(?:get|put|post|delete|patch):)/) {
            guard let id = operation.firstMatch(of: /operationId: (\w+)/)?.output.1,
                let body = operation.range(of: "requestBody:")
            else { continue }
            let end = operation.range(of: "responses:", range: body.upperBound..<operation.endIndex)?.lowerBound ?? operation.endIndex
            if operation[body.upperBound..<end].contains("application/json") { withJSONBodies.insert(String(id)) }
        }
        #expect(withJSONBodies.count > 20)
        #expect(Set(UnknownFieldsMiddleware.bodies.keys) == withJSONBodies)
    }
}
