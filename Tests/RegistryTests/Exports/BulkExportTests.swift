import Foundation
import Testing

@Suite struct BulkExportTests {
    @Test func exportHoldsWhatTheCallerMaySeeWithIdsCodesAndHistory() async throws {
        try await TestRegistry.run { registry in
            let (open, tool, provider) = try await registry.makePilot(sharing: "public")
            let (hidden, _, _) = try await registry.makePilot(sharing: "private")
            _ = try await registry.create("/api/v1/pilots/\(open)/resourcing", Fixtures.resourcing)
            _ = try await registry.create("/api/v1/pilots/\(open)/evaluations", Fixtures.evaluation)
            _ = try await registry.create("/api/v1/contacts", Fixtures.contact)
            #expect(try await registry.put("/api/v1/pilots/\(open)", Fixtures.pilot(toolID: tool, sharing: "public")).status == 200)

            let admin = try await registry.get("/api/v1/export/tables/pilots")
            #expect(admin.contentType?.hasPrefix("text/csv") == true)
            let pilots = EESConventions.parse(admin.body)
            #expect(pilots.first?.prefix(4) == ["id", "title", "tool_id", "lead_authority"])
            #expect(pilots.count == 3)
            let row = Dictionary(uniqueKeysWithValues: zip(pilots[0], pilots[1]))
            #expect(row["id"] == open)
            #expect(row["lead_authority"] == "E06000001" && row["lead_authority_dfe_code"] == "805")
            #expect(row["service_areas"] == "child_protection")
            #expect(row["version"] == "2")

            let anonymous = try await registry.get("/api/v1/export/tables/pilots", as: .anonymous)
            #expect(EESConventions.parse(anonymous.body).map { $0[0] } == ["id", open])
            let contacts = try await registry.get("/api/v1/export/tables/contacts", as: .anonymous)
            #expect(EESConventions.parse(contacts.body).count == 1)  // header only: contacts are private
            let participants = try await registry.get("/api/v1/export/tables/pilot_participants", as: .anonymous)
            #expect(!participants.body.contains(hidden))

            let money = EESConventions.parse(try await registry.get("/api/v1/export/tables/resourcing_lines").body)
            #expect(Dictionary(uniqueKeysWithValues: zip(money[0], money[1]))["amount_gbp"] == "25000.50")

            let history = EESConventions.parse(try await registry.get("/api/v1/export/tables/record_history", as: .anonymous).body)
            let pilotEvents = history.filter { $0.count == 4 && $0[1] == open }
            #expect(pilotEvents.map { $0[2] } == ["create", "update"])
            #expect(!history.contains { $0.count == 4 && $0[1] == hidden })

            // Text that JSON must escape comes back exactly.
            let awkward = "Quote \" back\\slash\nnew line\ttab\u{1}control"
            let escaped = try String(decoding: JSONEncoder().encode(["name": awkward]), as: UTF8.self)
            _ = try await registry.create("/api/v1/providers", escaped)
            let document = try await registry.get("/api/v1/export", as: .anonymous)
            #expect(document.status == 200, "\(document.body)")
            let tables = try #require(try document.json["tables"] as? [String: [[String: Any]]])
            #expect(Set(tables.keys) == Set([
                "providers", "tools", "networks", "network_members", "pilots", "pilot_participants", "phase_changes",
                "resourcing_lines", "assessments", "evaluations", "evaluation_measures", "insights", "single_views",
                "contacts", "record_history",
            ]))
            #expect(tables["pilots"]?.map { $0["id"] as? String } == [open])
            #expect(tables["providers"]?.contains { $0["id"] as? String == provider } == true)
            #expect(tables["providers"]?.contains { $0["name"] as? String == awkward } == true)
            #expect(tables["evaluation_measures"]?.first?["baseline"] as? String == "10")
            #expect(tables["networks"]?.count == 9)
            #expect(try await registry.get("/api/v1/export/tables/nonsense").status == 400)
        }
    }
}
