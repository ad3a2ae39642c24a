import Foundation
import Testing

@Suite struct CallForEvidenceTests {
    /// Hartlepool: a bought transcription tool in use, a bought tool piloted and dropped, and a
    /// tool of its own with resourcing, an ethics assessment, an evaluation and lessons.
    static func load(_ registry: TestRegistry) async throws {
        let provider = try await registry.create("/api/v1/providers", Fixtures.provider)
        let bought = try await registry.create("/api/v1/tools", Fixtures.tool(providerID: provider))
        let dropped = try await registry.create(
            "/api/v1/tools", #"{"provider_id": "\#(provider)", "name": "Triage Aid", "kind": "referral_triage", "technology": "machine_learning"}"#)
        let own = try await registry.create(
            "/api/v1/tools", #"{"name": "Care Leaver Letters", "kind": "child_friendly_records", "technology": "generative_ai"}"#)
        func pilot(_ tool: String, _ origin: String, _ title: String, _ phase: String, sharing: String = "public") async throws -> String {
            try await registry.create("/api/v1/pilots", #"""
                {"title": "\#(title)", "tool_id": "\#(tool)", "lead_authority": "E06000001", "origin": "\#(origin)",
                 "sharing_level": "\#(sharing)", "description": "Letters rewritten for care leavers",
                 "initial_phase": {"phase": "\#(phase)", "effective_on": "2024-04-01"}}
                """#)
        }
        let notes = try await pilot(bought, "procured", "Visit notes", "implemented")
        _ = try await registry.create("/api/v1/pilots/\(notes)/insights", #"{"kind": "impact", "text": "Two hours a week saved per worker."}"#)
        let triage = try await pilot(dropped, "procured", "Triage", "pilot")
        let stop = try await registry.post(
            "/api/v1/pilots/\(triage)/phases",
            #"{"phase": "discontinued", "effective_on": "2024-10-01", "reasons": ["accuracy"], "note": "Missed urgent referrals"}"#)
        #expect(stop.status == 201)
        let letters = try await pilot(own, "in_house", "Care leaver letters", "pilot")
        _ = try await registry.create(
            "/api/v1/pilots/\(letters)/resourcing", #"{"stage": "develop", "fte": 0.5, "amount_gbp": "12000.00"}"#)
        _ = try await registry.create("/api/v1/pilots/\(letters)/assessments", #"""
            {"kind": "ethical_impact_assessment", "status": "completed", "completed_on": "2024-03-01",
             "safeguards": ["human_review", "staff_training"], "summary": "Board review"}
            """#)
        _ = try await registry.create(
            "/api/v1/pilots/\(letters)/evaluations",
            #"{"evaluator": "internal", "status": "under_way", "findings": "Care leavers found letters clearer."}"#)
        _ = try await registry.create("/api/v1/pilots/\(letters)/insights", #"{"kind": "key_learning", "text": "Involve care leavers early."}"#)
        _ = try await registry.create(
            "/api/v1/pilots/\(letters)/insights", #"{"kind": "ask_of_government", "text": "Shared guidance on generative AI."}"#)
        _ = try await registry.create("/api/v1/single-views", Fixtures.singleView)
        _ = try await registry.create("/api/v1/contacts", Fixtures.contact)
        // A private pilot other authorities' editors must not see in the answers.
        let secret = try await pilot(bought, "procured", "Secret trial", "pilot", sharing: "private")
        _ = try await registry.create("/api/v1/pilots/\(secret)/insights", #"{"kind": "barrier", "text": "Private barrier."}"#)
    }

    static func answers(_ reply: Reply) throws -> [Int: String] {
        let list = try #require(try reply.json["answers"] as? [[String: Any]], "\(reply.body)")
        return Dictionary(uniqueKeysWithValues: list.map { ($0["number"] as! Int, $0["answer"] as! String) })
    }

    static func statuses(_ reply: Reply) throws -> [Int: String] {
        let list = try #require(try reply.json["answers"] as? [[String: Any]], "\(reply.body)")
        return Dictionary(uniqueKeysWithValues: list.map { ($0["number"] as! Int, $0["status"] as! String) })
    }

    @Test func answersAreWrittenFromTheRegistryNamingTheirTools() async throws {
        try await TestRegistry.run { registry in
            try await Self.load(registry)
            let reply = try await registry.get("/api/v1/authorities/805/call-for-evidence")
            #expect(reply.status == 200)
            let answers = try Self.answers(reply)
            #expect(answers.count == 23)
            #expect(answers[1] == "Yes")
            #expect(answers[2] == "Visit Notes by Test Voice Ltd: Implemented\nVisit Notes by Test Voice Ltd: Pilot")
            #expect(answers[3] == "Visit Notes by Test Voice Ltd: Two hours a week saved per worker.")
            #expect(answers[4] == "Triage Aid by Test Voice Ltd: Discontinued")
            #expect(answers[5] == "Triage Aid by Test Voice Ltd: Accuracy. Missed urgent referrals")
            #expect(answers[6] == "Care leaver letters: Letters rewritten for care leavers")
            #expect(answers[7] == "Care leaver letters: Pilot")
            #expect(answers[8] == "Care leaver letters: Develop: 0.50 FTE, £12,000.00")
            #expect(answers[9] == "Care leaver letters: Care leavers found letters clearer.")
            #expect(answers[10] == "Care leaver letters: Involve care leavers early.")
            #expect(answers[11] == "Not yet recorded")
            #expect(answers[12] == "Care leaver letters: Ethical impact assessment (completed 2024-03-01): Board review")
            #expect(answers[13] == "Care leaver letters: Ethical impact assessment")
            #expect(answers[14] == "Care leaver letters: Human review, Staff training")
            #expect(answers[15] == "Visit Notes by Test Voice Ltd: Private barrier.")
            #expect(answers[17] == "Care leaver letters: Shared guidance on generative AI.")
            #expect(answers[19] == "Care leaver letters: Internal (under way)")
            #expect(answers[20] == "Care leaver letters: Internal (under way): Care leavers found letters clearer.")
            #expect(answers[21] == "Live")
            #expect(answers[22] == "Children's social care\nEducation")
            #expect(answers[23] == "https://example.org/model")
            let statuses = try Self.statuses(reply)
            #expect(statuses.filter { $0.value == "answered" }.count == 20)
            #expect(Set([11, 16, 18].map { statuses[$0] }) == ["not_recorded"])
            #expect(try reply.json["complete"] as? Int == 20)
            let list = try #require(try reply.json["answers"] as? [[String: Any]])
            #expect(list[10]["to_record"] as? String == "what would help (local, regional or national) on a pilot")
            let statements = try #require(list[2]["statements"] as? [[String: Any]])
            #expect(statements.first?["tool"] as? String == "Visit Notes by Test Voice Ltd")
            #expect(statements.first?["text"] as? String == "Two hours a week saved per worker.")
            let respondent = try #require(try reply.json["respondent"] as? [String: Any])
            #expect(respondent["name"] as? String == "Sam Lead")
            #expect(respondent["email"] as? String == "sam@example.org")
            #expect(respondent["consent_to_contact"] as? Bool == true)

            let document = try await registry.get("/api/v1/authorities/E06000001/call-for-evidence.md")
            #expect(document.contentType?.hasPrefix("text/markdown") == true)
            #expect(document.body.hasPrefix("# Call for evidence: Hartlepool"))
            #expect(document.body.contains("**20 of 23 questions complete.**"))
            #expect(document.body.contains("| Q11. What would help you develop, scale or reuse tools, locally, regionally or nationally? | Not yet recorded |"))
            #expect(document.body.contains("**Q13. Were ethics considered"))
            #expect(document.body.contains("- Visit Notes by Test Voice Ltd: Implemented\n- Visit Notes by Test Voice Ltd: Pilot\n"))
            #expect(document.body.contains("_Not yet recorded. To answer it, record what would help (local, regional or national) on a pilot._"))
            #expect(document.body.contains("Sam Lead"))
        }
    }

    /// The issue's Hartlepool: one procured transcription pilot with a phase change, a
    /// resourcing line, a DPIA and a completed evaluation, and nothing else.
    @Test func noneNotYetRecordedAndNotSharedAreToldApart() async throws {
        try await TestRegistry.run { registry in
            let provider = try await registry.create("/api/v1/providers", Fixtures.provider)
            let tool = try await registry.create("/api/v1/tools", Fixtures.tool(providerID: provider))
            let pilot = try await registry.create("/api/v1/pilots", #"""
                {"title": "Visit notes", "tool_id": "\#(tool)", "lead_authority": "E06000001", "origin": "procured",
                 "sharing_level": "sector", "initial_phase": {"phase": "pilot", "effective_on": "2025-01-06"}}
                """#)
            #expect(try await registry.post("/api/v1/pilots/\(pilot)/phases", #"{"phase": "implemented", "effective_on": "2025-09-01"}"#).status == 201)
            _ = try await registry.create("/api/v1/pilots/\(pilot)/resourcing", #"{"stage": "implement", "amount_gbp": "42000.00", "sharing_level": "sector"}"#)
            _ = try await registry.create("/api/v1/pilots/\(pilot)/assessments", #"{"kind": "dpia", "status": "completed", "sharing_level": "sector"}"#)
            _ = try await registry.create(
                "/api/v1/pilots/\(pilot)/evaluations",
                #"{"evaluator": "external", "status": "completed", "findings": "Recording time fell by a third.", "sharing_level": "sector"}"#)
            _ = try await registry.create("/api/v1/single-views", #"{"authority": "E06000001", "status": "live", "data_sources": ["education"], "sharing_level": "private"}"#)

            let editor = try await registry.get("/api/v1/authorities/E06000001/call-for-evidence")
            let answers = try Self.answers(editor), statuses = try Self.statuses(editor)
            #expect(answers[3] == "Visit Notes by Test Voice Ltd: Recording time fell by a third.")
            #expect(answers[20] == "Visit Notes by Test Voice Ltd: External (completed): Recording time fell by a third.")
            #expect(answers[4] == "None" && answers[5] == "None" && answers[6] == "None")
            #expect(answers[13] == "None")  // a DPIA alone is no ethics work
            #expect(statuses[12] == "answered" && statuses[14] == "not_recorded" && statuses[10] == "not_recorded")
            #expect(statuses[21] == "answered" && statuses[23] == "not_recorded")

            let analyst = try await registry.token(.nationalAnalyst)
            let read = try Self.statuses(try await registry.get("/api/v1/authorities/E06000001/call-for-evidence", as: .token(analyst)))
            #expect(read[21] == "not_shared" && read[22] == "not_shared" && read[23] == "not_shared")
            #expect(read[3] == "answered" && read[4] == "none")
            let anonymous = try await registry.get("/api/v1/authorities/E06000001/call-for-evidence", as: .anonymous)
            #expect(try Self.statuses(anonymous)[1] == "not_shared")
            #expect(try Self.answers(anonymous)[1] == "Recorded but not shared with you")
            #expect(!anonymous.body.contains("Visit Notes"))
        }
    }

    @Test func answersUseOnlyWhatTheCallerMayRead() async throws {
        try await TestRegistry.run { registry in
            try await Self.load(registry)
            let neighbour = try await registry.token(.authorityEditor, authority: "E06000002")
            let reply = try await registry.get("/api/v1/authorities/E06000001/call-for-evidence", as: .token(neighbour))
            let answers = try Self.answers(reply)
            #expect(answers[2] == "Visit Notes by Test Voice Ltd: Implemented")
            #expect(answers[15] == "Recorded but not shared with you")
            #expect(try reply.json["respondent"] == nil)
            #expect(!reply.body.contains("Secret") && !reply.body.contains("sam@example.org") && !reply.body.contains("Private barrier"))

            let anonymous = try await registry.get("/api/v1/call-for-evidence/responses.csv", as: .anonymous)
            #expect(!anonymous.body.contains("Private barrier") && !anonymous.body.contains("Sam Lead"))
            #expect(try await registry.get("/api/v1/authorities/E99999999/call-for-evidence").status == 404)
        }
    }

    @Test func sectorCSVHasOneRowPerAuthorityAndSaysWhichMadeNoReturn() async throws {
        try await TestRegistry.run { registry in
            try await Self.load(registry)
            let reply = try await registry.get("/api/v1/call-for-evidence/responses.csv")
            #expect(reply.status == 200)
            let rows = EESConventions.parse(reply.body)
            #expect(rows.first?.prefix(5) == ["new_la_code", "old_la_code", "la_name", "region_name", "return_status"])
            #expect(rows.first?.count == 5 + 4 + 23)
            let authorities = try await registry.count("authorities")
            #expect(rows.count == 1 + authorities)
            let byCode = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], Dictionary(uniqueKeysWithValues: zip(rows[0], $0))) })
            let hartlepool = try #require(byCode["E06000001"])
            #expect(hartlepool["return_status"] == "Returned")
            #expect(hartlepool["contact_email"] == "sam@example.org")
            #expect(hartlepool["q08_own_tools_resourcing"] == "Care leaver letters: Develop: 0.50 FTE, £12,000.00")
            let middlesbrough = try #require(byCode["E06000002"])
            #expect(middlesbrough["return_status"] == "No return")
            #expect(middlesbrough["q01_uses_procured_tools"] == "")
            #expect(byCode.values.filter { $0["return_status"] == "No return" }.count == authorities - 1)
        }
    }
}
