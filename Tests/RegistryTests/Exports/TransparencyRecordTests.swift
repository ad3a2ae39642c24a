import Foundation
import Testing

@Suite struct TransparencyRecordTests {
    /// `reference|attribute` of each row of the field table in ReferenceData/ATRS.md.
    static func standardFields() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../ReferenceData/ATRS.md")
        return try String(contentsOf: root, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("| ") && $0.dropFirst(2).first?.isNumber == true }
            .map { line in
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                return "\(cells[0])|\(cells[1])"
            }
    }

    @Test func recordIsFilledFromThePilotAndListsWhatIsLeft() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot(
                extra: #", "initial_phase": {"phase": "implemented", "effective_on": "2025-01-01"}"#)
            _ = try await registry.create("/api/v1/pilots/\(pilot)/assessments", Fixtures.assessment)
            _ = try await registry.create("/api/v1/pilots/\(pilot)/evaluations", Fixtures.evaluation)
            _ = try await registry.create("/api/v1/contacts", Fixtures.contact)

            let reply = try await registry.get("/api/v1/pilots/\(pilot)/transparency-record")
            #expect(reply.status == 200, "\(reply.body)")
            let fields = try #require(try reply.json["fields"] as? [[String: Any]])
            // Every field of the standard, in its order, as ReferenceData/ATRS.md lists them.
            #expect(fields.map { "\($0["reference"]!)|\($0["attribute"]!)" } == (try Self.standardFields()))
            let byReference = Dictionary(uniqueKeysWithValues: fields.map { ($0["reference"] as! String, $0) })
            func value(_ reference: String) -> String? { byReference[reference]?["value"] as? String }
            #expect(value("0.11") == "Visit notes pilot")
            #expect(value("0.12") == "Hartlepool")
            #expect(value("0.13") == "Production")
            #expect(value("0.14") == "North East")
            #expect(value("1.1") == "Visit Notes")
            #expect(value("1.4") == "sam@example.org")
            #expect(value("2.1.4") == "Yes")
            #expect(value("2.1.4.1") == "Test Voice Ltd")
            #expect(value("2.2.3") == "External evaluation (completed): Saved time")
            #expect(value("2.3.4") == "A practitioner reviews every output before it is used or recorded.")
            #expect(value("2.4.1.2") == "Production")
            #expect(value("2.5.1") == "DPIA, completed, 2025-02-01, https://example.org/dpia")
            #expect(value("2.5.2") == "Risks: Hallucination\nMitigations: Human review; UK data residency")
            #expect(byReference["0.10"]?["status"] as? String == "not_applicable")
            let toComplete = try #require(try reply.json["to_complete"] as? [String])
            #expect(toComplete.contains("2.1.3"))  // senior responsible owner
            #expect(toComplete.contains("2.4.2.1"))  // model name
            #expect(!toComplete.contains("0.11"))

            let document = try await registry.get("/api/v1/pilots/\(pilot)/transparency-record.md")
            #expect(document.body.hasPrefix("# Algorithmic transparency record (draft): Visit notes pilot"))
            #expect(document.body.contains("| 2.1.3 | senior_responsible_owner | _to complete_ |"))
            #expect(document.body.contains("## Still to complete"))

            // Readers who may not see the contact get the field to complete; others get a 404.
            let analyst = try await registry.token(.nationalAnalyst)
            let dfe = try await registry.get("/api/v1/pilots/\(pilot)/transparency-record", as: .token(analyst))
            #expect((try dfe.json["to_complete"] as? [String] ?? []).contains("1.4"))
            let (hidden, _, _) = try await registry.makePilot(sharing: "private")
            #expect(try await registry.get("/api/v1/pilots/\(hidden)/transparency-record", as: .anonymous).status == 404)
        }
    }
}
