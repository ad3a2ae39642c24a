import Foundation
import Testing

@testable import Registry

@Suite struct AuditTrailTests {
    /// Every kind of record: create, replace and delete each leave one entry with the state
    /// before and after, naming who did it.
    @Test(arguments: RecordLifecycleTests.resources)
    func everyWriteLeavesOneEntryWithBeforeAndAfter(_ resource: RecordLifecycleTests.Resource) async throws {
        try await TestRegistry.run { registry in
            let collection = resource.collection.replacingOccurrences(of: "{pilot}", with: try await registry.makePilot().pilot)
            let id = try await registry.create(collection, resource.create)
            #expect(try await registry.put("\(collection)/\(id)", resource.update).status == 200)
            let history = try await registry.get("\(collection)/\(id)/history")
            #expect(history.status == 200, "\(history.body)")
            #expect(try await registry.delete("\(collection)/\(id)").status == 204)

            let entries = try await registry.get("/api/v1/admin/audit?resource_id=\(id)").items
            #expect(entries.compactMap { $0["action"] as? String } == ["create", "update", "delete"])
            #expect(entries.allSatisfy { $0["actor_name"] as? String == "Test administrator" && $0["actor_role"] as? String == "admin" })
            let (created, updated, deleted) = (entries[0], entries[1], entries[2])
            #expect(created["before"] == nil && created["after"] != nil)
            #expect((updated["before"] as? [String: Any])?["version"] as? Int == 1)
            #expect((updated["after"] as? [String: Any])?["version"] as? Int == 2)
            #expect(deleted["before"] != nil && deleted["after"] == nil)
            // The history endpoint showed the same first two entries while the record lived.
            #expect(try history.items.compactMap { $0["action"] as? String } == ["create", "update"])
        }
    }

    @Test func phaseChangeIsAuditedWithThePilotBeforeAndAfter() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot(
                extra: #", "initial_phase": {"phase": "pilot", "effective_on": "2025-01-01"}"#)
            _ = try await registry.create("/api/v1/pilots/\(pilot)/phases", #"{"phase": "implemented", "effective_on": "2025-06-01"}"#)
            let entries = try await registry.get("/api/v1/pilots/\(pilot)/history").items
            #expect(entries.compactMap { $0["action"] as? String } == ["create", "phase_change"])
            #expect((entries[1]["before"] as? [String: Any])?["phase"] as? String == "pilot")
            #expect((entries[1]["after"] as? [String: Any])?["phase"] as? String == "implemented")
            #expect((entries[0]["after"] as? [String: Any])?["participants"] as? [String] == ["E06000002"])
        }
    }

    @Test func refusedWritesLeaveNoEntry() async throws {
        try await TestRegistry.run { registry in
            let (pilot, tool, _) = try await registry.makePilot()
            let outsider = TestRegistry.Identity.token(try await registry.token(.authorityEditor, authority: "E09000007"))
            let before = try await registry.count("audit_events")
            #expect(try await registry.put("/api/v1/pilots/\(pilot)", Fixtures.pilot(toolID: tool), as: outsider).status == 403)
            #expect(try await registry.post("/api/v1/pilots/\(pilot)/resourcing", #"{"stage": "develop", "fte": -1}"#).status == 422)
            #expect(try await registry.post("/api/v1/pilots/\(pilot)/phases", #"{"phase": "planned", "effective_on": "2020-01-01"}"#).status == 422)
            #expect(try await registry.post("/api/v1/providers", Fixtures.provider, as: .anonymous).status == 401)
            #expect(try await registry.count("audit_events") == before)
        }
    }

    @Test func historyIsReadByThoseWhoMayReadTheRecordAndTheWholeTrailByAdministrators() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot(sharing: "private")
            let own = TestRegistry.Identity.token(try await registry.token(.authorityEditor, authority: "E06000001"))
            let analyst = TestRegistry.Identity.token(try await registry.token(.nationalAnalyst))
            #expect(try await registry.get("/api/v1/pilots/\(pilot)/history", as: own).status == 200)
            #expect(try await registry.get("/api/v1/pilots/\(pilot)/history", as: analyst).status == 404)
            #expect(try await registry.get("/api/v1/pilots/\(pilot)/history", as: .anonymous).status == 404)
            #expect(try await registry.get("/api/v1/admin/audit", as: own).status == 403)
            #expect(try await registry.get("/api/v1/admin/audit", as: .anonymous).status == 401)
            let pilots = try await registry.get("/api/v1/admin/audit?resource_type=pilot").items
            #expect(pilots.map { $0["resource_id"] as? String } == [pilot])
            let page = try await registry.get("/api/v1/admin/audit?limit=1")
            #expect(try page.items.count == 1)
            let cursor = try #require(try page.json["next_cursor"] as? String)
            let next = try await registry.get("/api/v1/admin/audit?limit=1&cursor=\(cursor)")
            #expect(try next.items.first?["id"] as? Int != page.items.first?["id"] as? Int)
        }
    }

    /// An officer's name is personal data: in a public record's history only those who may see
    /// the contacts of the officer's authority read it; everyone else reads role and authority.
    @Test func whoChangedARecordIsNamedOnlyToThoseEntitledToKnow() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot(
                sharing: "public", extra: #", "initial_phase": {"phase": "planned", "effective_on": "2025-01-01"}"#)
            let hartlepool = try await registry.token(.authorityEditor, authority: "E06000001")
            let camden = try await registry.token(.authorityEditor, authority: "E09000007")
            let analyst = try await registry.token(.nationalAnalyst)
            let changed = try await registry.send(
                .post, "/api/v1/pilots/\(pilot)/phases", json: #"{"phase": "pilot", "effective_on": "2025-02-01"}"#,
                as: .token(hartlepool))
            #expect(changed.status == 201, "\(changed.body)")

            func lastEntry(as identity: TestRegistry.Identity) async throws -> [String: Any] {
                try await registry.get("/api/v1/pilots/\(pilot)/history", as: identity).items.last ?? [:]
            }
            for identity in [TestRegistry.Identity.anonymous, .token(camden), .token(analyst)] {
                let entry = try await lastEntry(as: identity)
                #expect(entry["actor_name"] as? String == "an editor at Hartlepool", "\(identity): \(entry)")
                #expect(entry["actor_id"] == nil && entry["actor_role"] as? String == "authority_editor")
            }
            for identity in [TestRegistry.Identity.admin, .token(hartlepool)] {
                let entry = try await lastEntry(as: identity)
                #expect(entry["actor_name"] as? String == "Test authority_editor", "\(identity): \(entry)")
                #expect(entry["actor_id"] != nil)
            }
            // The administrator who created it is named to administrators only.
            let created = try await registry.get("/api/v1/pilots/\(pilot)/history", as: .token(hartlepool)).items.first
            #expect(created?["actor_name"] as? String == "an administrator")
        }
    }
}
