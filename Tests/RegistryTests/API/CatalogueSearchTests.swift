import Foundation
import Testing

/// Editors search the catalogue before adding to it: by name, forgiving case, accents,
/// punctuation and small misspellings, closest first.
@Suite struct CatalogueSearchTests {
    @Test func providersAndToolsAreFoundByNamesLikeTheOneTyped() async throws {
        try await TestRegistry.run { registry in
            var providers: [String: String] = [:]
            for name in ["Kestrel Voice Ltd", "Northwind Care Technology", "Café Systèmes", "Cobalt Insight Co-operative", "Tallow Translate"] {
                providers[name] = try await registry.create("/api/v1/providers", #"{"name": "\#(name)"}"#)
            }
            func names(_ path: String) async throws -> [String] {
                let reply = try await registry.get(path)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(try reply.json["next_cursor"] == nil)
                return try reply.items.map { $0["name"] as! String }
            }
            #expect(try await names("/api/v1/providers?q=kestral") == ["Kestrel Voice Ltd"])  // misspelt
            #expect(try await names("/api/v1/providers?q=KESTREL%20VOICE") == ["Kestrel Voice Ltd"])
            #expect(try await names("/api/v1/providers?q=cafe%20systemes") == ["Café Systèmes"])  // accents
            #expect(try await names("/api/v1/providers?q=cooperative") == ["Cobalt Insight Co-operative"])  // punctuation
            #expect(try await names("/api/v1/providers?q=zebra").isEmpty)
            let two = try await names("/api/v1/providers?q=t&limit=50")
            #expect(two.count >= 2)

            let kestrel = try #require(providers["Kestrel Voice Ltd"])
            for name in ["Kestrel Visit Notes", "Kestrel Voice-to-Record", "Visit Planner"] {
                _ = try await registry.create(
                    "/api/v1/tools", #"{"provider_id": "\#(kestrel)", "name": "\#(name)", "kind": "transcription", "technology": "speech_to_text"}"#)
            }
            // Closest first: the exact words before the looser match.
            #expect(try await names("/api/v1/tools?q=visit%20notes").first == "Kestrel Visit Notes")
            #expect(try await names("/api/v1/tools?q=voice%20to%20record") == ["Kestrel Voice-to-Record"])
            #expect(try await names("/api/v1/tools?q=visit&kind=scheduling").isEmpty)
            #expect(try await registry.get("/api/v1/tools?q=").status == 400)
            let long = try await registry.get("/api/v1/providers?q=\(String(repeating: "k", count: 201))")
            #expect(long.status == 400)
            #expect(try long.problemFields == ["q"])
            #expect(try await names("/api/v1/tools?q=%21%21").isEmpty)  // punctuation alone finds nothing
        }
    }

    @Test func aProviderCarriesItsCompaniesHouseNumberOncePerLiveProvider() async throws {
        try await TestRegistry.run { registry in
            let first = try await registry.post("/api/v1/providers", #"{"name": "Kestrel Voice Ltd", "companies_house_number": "9876543"}"#)
            #expect(first.status == 201, "\(first.body)")
            #expect(try first.json["companies_house_number"] as? String == "09876543")
            let scottish = try await registry.post("/api/v1/providers", #"{"name": "Thistle Ltd", "companies_house_number": "sc 123456"}"#)
            #expect(try scottish.json["companies_house_number"] as? String == "SC123456")

            let again = try await registry.post("/api/v1/providers", #"{"name": "Kestrel Voice Limited", "companies_house_number": "09876543"}"#)
            #expect(again.status == 422, "\(again.body)")
            #expect(try again.problemFields == ["companies_house_number"])
            #expect(again.body.contains("is already the number of Kestrel Voice Ltd"))
            let malformed = try await registry.post("/api/v1/providers", #"{"name": "Odd", "companies_house_number": "ABC"}"#)
            #expect(malformed.status == 400 || malformed.status == 422)
            #expect(try malformed.problemFields == ["companies_house_number"])

            // Once the first is deleted, its number is free.
            let id = try first.string("id")
            #expect(try await registry.delete("/api/v1/providers/\(id)").status == 204)
            #expect(try await registry.post("/api/v1/providers", #"{"name": "Kestrel Voice Limited", "companies_house_number": "09876543"}"#).status == 201)

            // The exports and the ATRS draft carry it.
            let table = try await registry.get("/api/v1/export/tables/providers")
            #expect(table.body.contains("companies_house_number") && table.body.contains("SC123456"))
            let provider = try scottish.string("id")
            let tool = try await registry.create(
                "/api/v1/tools", #"{"provider_id": "\#(provider)", "name": "Thistle Notes", "kind": "transcription", "technology": "speech_to_text"}"#)
            let pilot = try await registry.create("/api/v1/pilots", Fixtures.pilot(toolID: tool))
            let record = try await registry.get("/api/v1/pilots/\(pilot)/transparency-record")
            #expect(record.body.contains("SC123456"), "\(record.body.prefix(400))")
        }
    }
}
