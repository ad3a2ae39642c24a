import Foundation
import Testing

@testable import Registry

/// Every write × every kind of caller, generated from one table of rules: who may change what.
///
/// The world: a pilot led by Hartlepool (E06000001) with Middlesbrough (E06000002) taking part,
/// a provider an administrator added, and callers of every role, in and out of the pilot.
@Suite struct WritePermissionMatrixTests {
    enum Identity: String, CaseIterable, Sendable {
        case anonymous, admin, leadEditor, participantEditor, otherEditor, networkMember, analyst
    }

    struct World: Sendable {
        let pilot: String
        let tool: String
        let provider: String
    }

    struct Operation: Sendable, CustomStringConvertible {
        let name: String
        let method: String
        let path: @Sendable (World) -> String
        let body: @Sendable (World) -> String?
        /// Who succeeds, besides administrators; everyone else signed in gets 403.
        let allowed: Set<Identity>
        /// Acts on the existing pilot, so a writer who may not read it is told 404, not 403.
        var onPilot: Bool { path(World(pilot: "P", tool: "T", provider: "V")).contains("/pilots/P") }

        var description: String { name }
    }

    static let editors: Set<Identity> = [.leadEditor, .participantEditor, .otherEditor]

    static let operations: [Operation] = [
        Operation(
            name: "create a pilot led by Hartlepool", method: "POST", path: { _ in "/api/v1/pilots" },
            body: { Fixtures.pilot(toolID: $0.tool) }, allowed: [.leadEditor]),
        Operation(
            name: "replace the pilot", method: "PUT", path: { "/api/v1/pilots/\($0.pilot)" },
            body: { Fixtures.pilot(toolID: $0.tool).replacingOccurrences(of: "Visit notes pilot", with: "Renamed") },
            allowed: [.leadEditor]),
        Operation(
            name: "delete the pilot", method: "DELETE", path: { "/api/v1/pilots/\($0.pilot)" }, body: { _ in nil },
            allowed: [.leadEditor]),
        Operation(
            name: "change the pilot's phase", method: "POST", path: { "/api/v1/pilots/\($0.pilot)/phases" },
            body: { _ in #"{"phase": "pilot", "effective_on": "2026-01-01"}"# }, allowed: [.leadEditor]),
        Operation(
            name: "add the lead's resourcing", method: "POST", path: { "/api/v1/pilots/\($0.pilot)/resourcing" },
            body: { _ in Fixtures.resourcing }, allowed: [.leadEditor]),
        Operation(
            name: "add a participant's own resourcing", method: "POST",
            path: { "/api/v1/pilots/\($0.pilot)/resourcing" },
            body: { _ in #"{"authority": "E06000002", "stage": "implement", "fte": 0.5}"# },
            allowed: [.leadEditor, .participantEditor]),
        Operation(
            name: "add a participant's own evaluation", method: "POST",
            path: { "/api/v1/pilots/\($0.pilot)/evaluations" },
            body: { _ in #"{"authority": "806", "evaluator": "internal", "status": "under_way"}"# },
            allowed: [.leadEditor, .participantEditor]),
        Operation(
            name: "add an assessment", method: "POST", path: { "/api/v1/pilots/\($0.pilot)/assessments" },
            body: { _ in Fixtures.assessment }, allowed: [.leadEditor]),
        Operation(
            name: "add an insight", method: "POST", path: { "/api/v1/pilots/\($0.pilot)/insights" },
            body: { _ in Fixtures.insight }, allowed: [.leadEditor]),
        Operation(
            name: "add a provider", method: "POST", path: { _ in "/api/v1/providers" }, body: { _ in Fixtures.provider },
            allowed: editors),
        Operation(
            name: "add a tool", method: "POST", path: { _ in "/api/v1/tools" },
            body: { Fixtures.tool(providerID: $0.provider) }, allowed: editors),
        Operation(
            name: "change a provider someone else added", method: "PUT", path: { "/api/v1/providers/\($0.provider)" },
            body: { _ in #"{"name": "Taken over"}"# }, allowed: []),
        Operation(
            name: "change a tool someone else added", method: "PUT", path: { "/api/v1/tools/\($0.tool)" },
            body: { _ in Fixtures.tool(providerID: nil) }, allowed: []),
        Operation(
            name: "create a network", method: "POST", path: { _ in "/api/v1/networks" },
            body: { _ in #"{"slug": "new-network", "name": "New", "kind": "other", "members": ["E06000001"]}"# },
            allowed: []),
        Operation(
            name: "change a region's network", method: "PUT", path: { _ in "/api/v1/networks/north-east" },
            body: { _ in #"{"slug": "north-east", "name": "North East", "kind": "region", "members": []}"# },
            allowed: []),
        Operation(
            name: "add Hartlepool's single view", method: "POST", path: { _ in "/api/v1/single-views" },
            body: { _ in Fixtures.singleView }, allowed: [.leadEditor]),
        Operation(
            name: "add Hartlepool's contact", method: "POST", path: { _ in "/api/v1/contacts" },
            body: { _ in Fixtures.contact }, allowed: [.leadEditor]),
    ]

    static func expectedStatus(of operation: Operation, for identity: Identity, pilotSharing level: String) -> Int {
        switch identity {
        case .anonymous: return 401
        case .admin: return success(operation)
        // Read-only roles are refused before the record is looked up, so nothing is revealed.
        case .networkMember, .analyst: return 403
        default:
            if operation.onPilot && !mayRead(level, identity) { return 404 }
            return operation.allowed.contains(identity) ? success(operation) : 403
        }
    }

    /// Who may read a pilot led by Hartlepool with Middlesbrough, by sharing level (the rules
    /// ReadVisibilityMatrixTests checks in full).
    static func mayRead(_ level: String, _ identity: Identity) -> Bool {
        switch identity {
        case .admin, .leadEditor, .participantEditor: return true
        case .networkMember: return level != "private"
        case .otherEditor, .analyst: return level == "sector" || level == "public"
        case .anonymous: return level == "public"
        }
    }

    static func success(_ operation: Operation) -> Int {
        switch operation.method {
        case "POST": return 201
        case "DELETE": return 204
        default: return 200
        }
    }

    static let sharingLevels = ["private", "network", "sector", "public"]

    @Test(arguments: operations, Identity.allCases)
    func writeIsAllowedOnlyToThoseTheRulesName(_ operation: Operation, _ identity: Identity) async throws {
        // Operations on the pilot are tried at every sharing level; the others do not depend on it.
        for level in operation.onPilot ? Self.sharingLevels : ["public"] {
            try await check(operation, by: identity, pilotSharing: level)
        }
    }

    func check(_ operation: Operation, by identity: Identity, pilotSharing level: String) async throws {
        try await TestRegistry.run { registry in
            // A tool, a provider and the pilot under test, all added by an administrator.
            let (pilot, tool, provider) = try await registry.makePilot(
                sharing: level, extra: #", "initial_phase": {"phase": "planned", "effective_on": "2025-01-01"}"#)
            let world = World(pilot: pilot, tool: tool, provider: provider)
            let caller: TestRegistry.Identity
            switch identity {
            case .anonymous: caller = .anonymous
            case .admin: caller = .admin
            case .leadEditor: caller = .token(try await registry.token(.authorityEditor, authority: "E06000001"))
            case .participantEditor: caller = .token(try await registry.token(.authorityEditor, authority: "E06000002"))
            case .otherEditor: caller = .token(try await registry.token(.authorityEditor, authority: "E09000007"))
            case .networkMember: caller = .token(try await registry.token(.networkMember, networks: ["north-east"]))
            case .analyst: caller = .token(try await registry.token(.nationalAnalyst))
            }
            let before = try await registry.snapshot()

            let reply = try await registry.send(
                .init(operation.method)!, operation.path(world), json: operation.body(world), as: caller)

            let expected = Self.expectedStatus(of: operation, for: identity, pilotSharing: level)
            #expect(reply.status == expected, "\(operation) as \(identity) on a \(level) pilot: \(reply.body)")
            if expected >= 400 {
                #expect(reply.contentType == "application/problem+json")
                #expect(try await registry.snapshot() == before, "a refused write changed nothing")
            }
        }
    }

    @Test func editorMayChangeTheCatalogueEntriesItAdded() async throws {
        try await TestRegistry.run { registry in
            let editor = TestRegistry.Identity.token(try await registry.token(.authorityEditor, authority: "E06000001"))
            let other = TestRegistry.Identity.token(try await registry.token(.authorityEditor, authority: "E09000007"))
            let provider = try await registry.create("/api/v1/providers", Fixtures.provider, as: editor)
            #expect(try await registry.put("/api/v1/providers/\(provider)", #"{"name": "Mine"}"#, as: editor).status == 200)
            #expect(try await registry.put("/api/v1/providers/\(provider)", #"{"name": "Theirs"}"#, as: other).status == 403)
            #expect(try await registry.put("/api/v1/providers/\(provider)", #"{"name": "Admin's"}"#).status == 200)
        }
    }

    @Test func editorCannotHandAPilotToAnotherAuthority() async throws {
        try await TestRegistry.run { registry in
            let editor = TestRegistry.Identity.token(try await registry.token(.authorityEditor, authority: "E06000001"))
            let (pilot, tool, _) = try await registry.makePilot()
            let body = Fixtures.pilot(toolID: tool).replacingOccurrences(of: "E06000001", with: "E09000007")
            #expect(try await registry.put("/api/v1/pilots/\(pilot)", body, as: editor).status == 403)
            #expect(try await registry.get("/api/v1/pilots/\(pilot)").string("lead_authority") == "E06000001")
        }
    }
}
