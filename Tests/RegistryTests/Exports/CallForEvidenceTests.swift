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

    @Test func answersAreWrittenFromTheRegistry() async throws {
        try await TestRegistry.run { registry in
            try await Self.load(registry)
            let reply = try await registry.get("/api/v1/authorities/805/call-for-evidence")
            #expect(reply.status == 200)
            let answers = try Self.answers(reply)
            #expect(answers.count == 23)
            #expect(answers[1] == "Yes")
            #expect(answers[2] == "Visit Notes by Test Voice Ltd (Implemented); Visit Notes by Test Voice Ltd (Pilot)")
            #expect(answers[3] == "Two hours a week saved per worker.")
            #expect(answers[4] == "Triage Aid by Test Voice Ltd")
            #expect(answers[5] == "Triage Aid by Test Voice Ltd: Accuracy. Missed urgent referrals")
            #expect(answers[6] == "Care leaver letters: Letters rewritten for care leavers")
            #expect(answers[7] == "Care leaver letters: Pilot")
            #expect(answers[8] == "Develop: 0.50 FTE, £12,000.00")
            #expect(answers[10] == "Involve care leavers early.")
            #expect(answers[12] == "Ethical impact assessment (2024-03-01): Board review")
            #expect(answers[13] == "Ethical impact assessment")
            #expect(answers[14] == "Human review; Staff training")
            #expect(answers[15] == "Private barrier.")
            #expect(answers[17] == "Shared guidance on generative AI.")
            #expect(answers[19] == "Internal (under way)")
            #expect(answers[20] == "Care leavers found letters clearer.")
            #expect(answers[21] == "Live")
            #expect(answers[22] == "Children's social care; Education")
            #expect(answers[23] == "https://example.org/model")
            let respondent = try #require(try reply.json["respondent"] as? [String: Any])
            #expect(respondent["name"] as? String == "Sam Lead")
            #expect(respondent["email"] as? String == "sam@example.org")
            #expect(respondent["consent_to_contact"] as? Bool == true)

            let document = try await registry.get("/api/v1/authorities/E06000001/call-for-evidence.md")
            #expect(document.contentType?.hasPrefix("text/markdown") == true)
            #expect(document.body.hasPrefix("# Call for evidence: Hartlepool"))
            #expect(document.body.contains("**Q13. Were ethics considered"))
            #expect(document.body.contains("- Human review\n- Staff training"))
            #expect(document.body.contains("Sam Lead"))
        }
    }

    @Test func answersUseOnlyWhatTheCallerMayRead() async throws {
        try await TestRegistry.run { registry in
            try await Self.load(registry)
            let neighbour = try await registry.token(.authorityEditor, authority: "E06000002")
            let reply = try await registry.get("/api/v1/authorities/E06000001/call-for-evidence", as: .token(neighbour))
            let answers = try Self.answers(reply)
            #expect(answers[2] == "Visit Notes by Test Voice Ltd (Implemented)")
            #expect(answers[15] == "")
            #expect(try reply.json["respondent"] == nil)
            #expect(!reply.body.contains("Secret") && !reply.body.contains("sam@example.org"))

            let anonymous = try await registry.get("/api/v1/call-for-evidence/responses.csv", as: .anonymous)
            #expect(!anonymous.body.contains("Private barrier") && !anonymous.body.contains("Sam Lead"))
            #expect(try await registry.get("/api/v1/authorities/E99999999/call-for-evidence").status == 404)
        }
    }

    @Test func sectorCSVHasOneRowPerAuthorityWithAnswers() async throws {
        try await TestRegistry.run { registry in
            try await Self.load(registry)
            let reply = try await registry.get("/api/v1/call-for-evidence/responses.csv")
            #expect(reply.status == 200)
            let rows = EESConventions.parse(reply.body)
            #expect(rows.first?.prefix(4) == ["new_la_code", "old_la_code", "la_name", "region_name"])
            #expect(rows.first?.count == 4 + 4 + 23)
            #expect(rows.count == 2)  // the header and Hartlepool, the only authority with records
            let hartlepool = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
            #expect(hartlepool["new_la_code"] == "E06000001")
            #expect(hartlepool["contact_email"] == "sam@example.org")
            #expect(hartlepool["q08_own_tools_resourcing"] == "Develop: 0.50 FTE, £12,000.00")
        }
    }
}
