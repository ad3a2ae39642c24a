import Foundation
import Testing

@Suite struct PilotTests {
    @Test func pilotResolvesAuthorityCodesAndStartsAsPlannedToday() async throws {
        try await TestRegistry.run { registry in
            let (pilot, tool, provider) = try await registry.makePilot()
            let reply = try await registry.get("/api/v1/pilots/\(pilot)")
            let json = try reply.json
            #expect(json["lead_authority"] as? String == "E06000001")
            #expect(json["participants"] as? [String] == ["E06000002"])  // given as DfE code 806
            #expect(json["phase"] as? String == "planned")
            #expect(json["tool_id"] as? String == tool)
            #expect(json["provider_id"] as? String == provider)
            #expect(json["kind"] as? String == "transcription")
            let phases = try await registry.get("/api/v1/pilots/\(pilot)/phases").items
            #expect(phases.count == 1)
            #expect(phases.first?["phase"] as? String == "planned")
            #expect(phases.first?["effective_on"] as? String == json["phase_since"] as? String)
        }
    }

    @Test func formerGSSCodeIsAcceptedAndStoredAsTheCurrentOne() async throws {
        try await TestRegistry.run { registry in
            let (_, tool, _) = try await registry.makePilot()
            let body = Fixtures.pilot(toolID: tool).replacingOccurrences(of: "E06000001", with: "E08000016")
            let pilot = try await registry.create("/api/v1/pilots", body)
            #expect(try await registry.get("/api/v1/pilots/\(pilot)").string("lead_authority") == "E08000038")
            let barnsley = try await registry.get("/api/v1/pilots?authority=E08000016").items
            #expect(barnsley.map { $0["id"] as? String } == [pilot])
        }
    }

    @Test func phaseHistoryRecordsPilotToImplementedToDiscontinuedWithReasons() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot(
                extra: #", "initial_phase": {"phase": "pilot", "effective_on": "2024-01-15", "note": "Two teams"}"#)
            let phases = "/api/v1/pilots/\(pilot)/phases"
            #expect(try await registry.post(phases, #"{"phase": "implemented", "effective_on": "2024-09-01"}"#).status == 201)
            let stopped = try await registry.post(
                phases, #"{"phase": "discontinued", "effective_on": "2025-03-01", "reasons": ["cost", "accuracy"], "note": "Too costly"}"#)
            #expect(stopped.status == 201, "\(stopped.body)")
            #expect(try stopped.json["reasons"] as? [String] == ["cost", "accuracy"])

            let history = try await registry.get(phases).items
            #expect(history.map { $0["phase"] as? String } == ["pilot", "implemented", "discontinued"])
            #expect(history.map { $0["effective_on"] as? String } == ["2024-01-15", "2024-09-01", "2025-03-01"])
            #expect(history.map { $0["note"] as? String } == ["Two teams", nil, "Too costly"])
            let current = try await registry.get("/api/v1/pilots/\(pilot)").json
            #expect(current["phase"] as? String == "discontinued")
            #expect(current["phase_since"] as? String == "2025-03-01")
        }
    }

    @Test func phaseChangeRulesAreEnforcedAndNothingIsWritten() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot(
                extra: #", "initial_phase": {"phase": "pilot", "effective_on": "2024-06-01"}"#)
            let phases = "/api/v1/pilots/\(pilot)/phases"
            let cases: [(body: String, field: String)] = [
                (#"{"phase": "implemented", "effective_on": "2024-05-31"}"#, "effective_on"),  // backwards in time
                (#"{"phase": "pilot", "effective_on": "2024-07-01"}"#, "phase"),  // no change
                (#"{"phase": "discontinued", "effective_on": "2024-07-01"}"#, "reasons"),  // no reason
                (#"{"phase": "implemented", "effective_on": "2024-07-01", "reasons": ["cost"]}"#, "reasons"),
                (#"{"phase": "implemented", "effective_on": "2999-01-01"}"#, "effective_on"),  // future
                (#"{"phase": "implemented", "effective_on": "2024-02-30"}"#, "effective_on"),  // not a date
                (#"{"phase": "implemented", "effective_on": "2024-07-01", "reasons": ["cost", "cost"]}"#, "reasons"),
            ]
            let before = try await registry.snapshot()
            for (body, field) in cases {
                let reply = try await registry.post(phases, body)
                #expect(reply.status == 422, "\(body) -> \(reply.body)")
                #expect(try reply.problemFields.contains(field), "\(body) -> \(reply.body)")
            }
            #expect(try await registry.snapshot() == before)
            #expect(try await registry.get("/api/v1/pilots/\(pilot)").string("phase") == "pilot")
        }
    }

    @Test func initialPhaseIsOnlyAcceptedWhenCreating() async throws {
        try await TestRegistry.run { registry in
            let (pilot, tool, _) = try await registry.makePilot()
            let body = Fixtures.pilot(toolID: tool, extra: #", "initial_phase": {"phase": "pilot", "effective_on": "2024-01-01"}"#)
            let reply = try await registry.put("/api/v1/pilots/\(pilot)", body)
            #expect(reply.status == 422)
            #expect(try reply.problemFields == ["initial_phase"])
        }
    }

    @Test func listFiltersSelectTheMatchingPilots() async throws {
        try await TestRegistry.run { registry in
            let (hartlepool, tool, provider) = try await registry.makePilot()
            let otherTool = try await registry.create(
                "/api/v1/tools", #"{"name": "Triage", "kind": "referral_triage", "technology": "machine_learning"}"#)
            let camden = try await registry.create(
                "/api/v1/pilots",
                #"{"title": "Triage", "tool_id": "\#(otherTool)", "lead_authority": "E09000007", "origin": "in_house", "sharing_level": "public", "initial_phase": {"phase": "pilot", "effective_on": "2025-01-01"}}"#)
            _ = try await registry.create(
                "/api/v1/networks", #"{"slug": "tees", "name": "Tees", "kind": "other", "members": ["E06000002"]}"#)

            func ids(_ query: String) async throws -> Set<String> {
                let reply = try await registry.get("/api/v1/pilots?\(query)")
                #expect(reply.status == 200, "\(query): \(reply.body)")
                return Set(try reply.items.compactMap { $0["id"] as? String })
            }
            #expect(try await ids("authority=E06000001") == [hartlepool])
            #expect(try await ids("authority=806") == [hartlepool])  // a participant counts
            #expect(try await ids("region=E12000001") == [hartlepool])
            #expect(try await ids("region=E12000007") == [camden])
            #expect(try await ids("network=tees") == [hartlepool])
            #expect(try await ids("network=london") == [camden])
            #expect(try await ids("tool=\(otherTool)") == [camden])
            #expect(try await ids("kind=transcription") == [hartlepool])
            #expect(try await ids("phase=pilot") == [camden])
            #expect(try await ids("provider=\(provider)") == [hartlepool])
            #expect(try await ids("origin=in_house") == [camden])
            #expect(try await ids("updated_since=2000-01-01T00:00:00Z") == [hartlepool, camden])
            #expect(try await ids("updated_since=2999-01-01T00:00:00Z") == [])
            #expect(try await ids("kind=transcription&phase=pilot") == [])
            _ = tool
        }
    }

    @Test(arguments: [("authority=ZZ999", "authority"), ("region=E12000099", "region"), ("network=nowhere", "network")])
    func filterNamingNothingThatExistsIsA422NamingTheParameter(query: String, field: String) async throws {
        try await TestRegistry.run { registry in
            let reply = try await registry.get("/api/v1/pilots?\(query)")
            #expect(reply.status == 422, "\(query): \(reply.body)")
            #expect(try reply.problemFields == [field], "\(query): \(reply.body)")
        }
    }

    @Test(arguments: [
        ("tool=nope", "tool"), ("provider=nope", "provider"), ("kind=robot", "kind"), ("phase=done", "phase"),
        ("origin=magic", "origin"), ("updated_since=yesterday", "updated_since"), ("limit=0", "limit"),
        ("limit=201", "limit"), ("limit=ten", "limit"), ("cursor=bm90LWEtY3Vyc29y", "cursor"),
    ])
    func badFilterIsA400NamingTheParameter(query: String, field: String) async throws {
        try await TestRegistry.run { registry in
            let reply = try await registry.get("/api/v1/pilots?\(query)")
            #expect(reply.status == 400, "\(query): \(reply.body)")
            #expect(reply.contentType == "application/problem+json")
            #expect(try reply.problemFields == [field], "\(query): \(reply.body)")
        }
    }
}
