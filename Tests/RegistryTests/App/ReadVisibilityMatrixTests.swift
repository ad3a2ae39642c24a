import Foundation
import Testing

@testable import Registry

/// Every sharing level × every kind of reader, generated from the rules in
/// Migrations/0009_create_visibility_rules.sql: single reads, lists, filters and child records
/// agree, and what a reader may not see is a 404, never a hint.
@Suite struct ReadVisibilityMatrixTests {
    enum Reader: String, CaseIterable, Sendable {
        case anonymous, admin, leadEditor, participantEditor, sameRegionEditor, otherRegionEditor
        case northEastMember, londonMember, analyst
    }

    static let levels = ["private", "network", "sector", "public"]

    /// The pilot is led by Hartlepool with Middlesbrough taking part, both in the North East.
    static func mayRead(_ level: String, _ reader: Reader) -> Bool {
        switch reader {
        case .admin, .leadEditor, .participantEditor: return true
        case .sameRegionEditor, .northEastMember: return level != "private"
        case .otherRegionEditor, .londonMember, .analyst: return level == "sector" || level == "public"
        case .anonymous: return level == "public"
        }
    }

    func identity(_ reader: Reader, in registry: TestRegistry) async throws -> TestRegistry.Identity {
        switch reader {
        case .anonymous: return .anonymous
        case .admin: return .admin
        case .leadEditor: return .token(try await registry.token(.authorityEditor, authority: "E06000001"))
        case .participantEditor: return .token(try await registry.token(.authorityEditor, authority: "E06000002"))
        case .sameRegionEditor: return .token(try await registry.token(.authorityEditor, authority: "E06000003"))
        case .otherRegionEditor: return .token(try await registry.token(.authorityEditor, authority: "E09000007"))
        case .northEastMember: return .token(try await registry.token(.networkMember, networks: ["north-east"]))
        case .londonMember: return .token(try await registry.token(.networkMember, networks: ["london"]))
        case .analyst: return .token(try await registry.token(.nationalAnalyst))
        }
    }

    @Test(arguments: levels, Reader.allCases)
    func pilotAndItsRecordsAreReadExactlyByThoseTheLevelAllows(_ level: String, _ reader: Reader) async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot(sharing: level)
            let line = try await registry.create("/api/v1/pilots/\(pilot)/resourcing", Fixtures.resourcing)
            let view = try await registry.create(
                "/api/v1/single-views", Fixtures.singleView.replacingOccurrences(of: #""public""#, with: "\"\(level)\""))
            let who = try await identity(reader, in: registry)
            let visible = Self.mayRead(level, reader)
            let expected = visible ? 200 : 404

            #expect(try await registry.get("/api/v1/pilots/\(pilot)", as: who).status == expected)
            #expect(try await registry.get("/api/v1/pilots/\(pilot)/phases", as: who).status == expected)
            #expect(try await registry.get("/api/v1/pilots/\(pilot)/resourcing", as: who).status == expected)
            #expect(try await registry.get("/api/v1/pilots/\(pilot)/resourcing/\(line)", as: who).status == expected)
            // The single view is Hartlepool's alone: the pilot's participant is just another North East authority.
            let viewVisible = reader == .participantEditor ? level != "private" : visible
            #expect(try await registry.get("/api/v1/single-views/\(view)", as: who).status == (viewVisible ? 200 : 404))
            for query in ["", "?authority=E06000001", "?region=E12000001", "?kind=transcription", "?limit=1"] {
                let listed = try await registry.get("/api/v1/pilots\(query)", as: who)
                #expect(listed.status == 200)
                #expect(listed.body.contains(pilot) == visible, "pilots\(query)")
                if !visible { #expect(try listed.json["next_cursor"] == nil, "no cursor hints at a hidden record") }
            }
            let views = try await registry.get("/api/v1/single-views?authority=E06000001", as: who)
            #expect(views.body.contains(view) == viewVisible)
        }
    }

    @Test func recordSharedMoreNarrowlyThanItsPilotStaysHidden() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot(sharing: "public")
            let hidden = try await registry.create(
                "/api/v1/pilots/\(pilot)/resourcing", #"{"stage": "develop", "amount_gbp": "900", "sharing_level": "private"}"#)
            #expect(try await registry.get("/api/v1/pilots/\(pilot)", as: .anonymous).status == 200)
            #expect(try await registry.get("/api/v1/pilots/\(pilot)/resourcing/\(hidden)", as: .anonymous).status == 404)
            let listed = try await registry.get("/api/v1/pilots/\(pilot)/resourcing", as: .anonymous)
            #expect(try listed.items.isEmpty)
        }
    }

    @Test func hiddenPilotIsA404EvenToAnEditorWhoCouldNotChangeIt() async throws {
        try await TestRegistry.run { registry in
            let (pilot, tool, _) = try await registry.makePilot(sharing: "private")
            let outsider = TestRegistry.Identity.token(try await registry.token(.authorityEditor, authority: "E09000007"))
            #expect(try await registry.put("/api/v1/pilots/\(pilot)", Fixtures.pilot(toolID: tool), as: outsider).status == 404)
            #expect(try await registry.delete("/api/v1/pilots/\(pilot)", as: outsider).status == 404)
            #expect(try await registry.post("/api/v1/pilots/\(pilot)/insights", Fixtures.insight, as: outsider).status == 404)
            // Seen but not theirs: 403.
            let (shared, _, _) = try await registry.makePilot(sharing: "public")
            #expect(try await registry.delete("/api/v1/pilots/\(shared)", as: outsider).status == 403)
        }
    }

    @Test func contactsAreReadOnlyByTheirAuthorityAndAdministrators() async throws {
        try await TestRegistry.run { registry in
            let contact = try await registry.create("/api/v1/contacts", Fixtures.contact)
            let own = TestRegistry.Identity.token(try await registry.token(.authorityEditor, authority: "E06000001"))
            let analyst = TestRegistry.Identity.token(try await registry.token(.nationalAnalyst))
            #expect(try await registry.get("/api/v1/contacts/\(contact)", as: own).status == 200)
            #expect(try await registry.get("/api/v1/contacts/\(contact)", as: analyst).status == 404)
            #expect(try await registry.get("/api/v1/contacts/\(contact)", as: .anonymous).status == 404)
            #expect(try await registry.get("/api/v1/contacts", as: .anonymous).items.isEmpty)
        }
    }
}
