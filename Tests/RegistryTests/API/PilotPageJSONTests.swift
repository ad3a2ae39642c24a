import Foundation
import RegistryAPI
import Testing

@testable import Registry

/// A page of pilots is written as JSON by PostgreSQL rather than by encoding the generated
/// types; it must be, field by field, what encoding those types writes.
@Suite struct PilotPageJSONTests {
    /// The generated types' encoding, configured as the server configures it.
    static func encoded(_ page: Components.Schemas.PilotPage) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(try UTCTimestampTranscoder().encode(date))
        }
        return try encoder.encode(page)
    }

    @Test func aPageIsWhatTheGeneratedTypesWouldWrite() async throws {
        try await TestRegistry.run { registry in
            let (_, tool, _) = try await registry.makePilot()
            let bare = try await registry.create("/api/v1/tools", Fixtures.tool(providerID: nil))
            // No provider, no participants, no description; then text JSON must escape.
            _ = try await registry.create(
                "/api/v1/pilots",
                #"{"title": "Bare", "tool_id": "\#(bare)", "lead_authority": "E06000001", "origin": "in_house", "service_areas": [], "sharing_level": "public"}"#)
            _ = try await registry.create(
                "/api/v1/pilots",
                Fixtures.pilot(toolID: tool).replacingOccurrences(
                    of: #""Fictional""#, with: #""Quotes \" back\\slash a/b tab\t line\n é 😀 \u0001""#))
            let store = RegistryStore(client: registry.database, logger: TestDatabases.shared.logger)
            let admin = Caller(userID: nil, name: "Test administrator", role: .admin)

            for limit in [2, 50] {
                let typed = try await store.pilots.list(.init(), page: PageRequest(limit: limit), viewer: admin)
                let expected = try Self.encoded(.init(items: typed.items, nextCursor: typed.nextCursor))
                let reply = try await registry.get("/api/v1/pilots?limit=\(limit)")
                #expect(reply.status == 200 && reply.headers[.contentType] == "application/json; charset=utf-8")
                #expect(reply.headers[.contentLength] == String(reply.bytes.count), "the length of the body sent")
                let served = try #require(try JSONSerialization.jsonObject(with: reply.bytes) as? NSDictionary)
                let wanted = try #require(try JSONSerialization.jsonObject(with: expected) as? NSDictionary)
                #expect(served == wanted, "\(reply.body)\n\(String(decoding: expected, as: UTF8.self))")
                // And the contract's own decoding reads it.
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .custom { try UTCTimestampTranscoder().decode($0.singleValueContainer().decode(String.self)) }
                let page = try decoder.decode(Components.Schemas.PilotPage.self, from: reply.bytes)
                #expect(page.items.map(\.id) == typed.items.map(\.id) && page.nextCursor == typed.nextCursor)
            }
        }
    }
}
