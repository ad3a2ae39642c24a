import Foundation
import HTTPTypes
import Testing

@testable import Registry

@Suite struct CallForEvidenceImportTests {
    static let header = CallForEvidenceImportTests.columns.joined(separator: ",")
    static let columns = [
        "new_la_code", "old_la_code", "la_name", "region_name", "return_status",
        "contact_name", "contact_email", "contact_role", "consent_to_contact",
        "q01_uses_procured_tools", "q02_procured_tools_and_providers", "q03_procured_tools_impact", "q04_piloted_not_rolled_out",
        "q05_reasons_not_rolled_out", "q06_own_tools", "q07_own_tools_established", "q08_own_tools_resourcing",
        "q09_own_tools_impact", "q10_key_learnings", "q11_help_needed", "q12_benefits_and_risks_assessed", "q13_ethics_considered",
        "q14_risk_safeguards", "q15_barriers", "q16_implementation_support", "q17_asks_of_government", "q18_other_suggestions",
        "q19_evaluation", "q20_evaluation_findings", "q21_single_view_status", "q22_single_view_data", "q23_single_view_link",
    ]

    /// Two authorities as the registry writes them: statements a line each, every one naming its tool.
    static let survey = header + "\r\n" + [
        [
            "E06000001", "805", "Hartlepool", "North East", "Returned", "Sam Lead", "sam@example.org", "Digital lead", "yes",
            "Yes", "Summaries by Voice Ltd: Pilot\nVisit Notes by Voice Ltd: Implemented",
            "Visit Notes by Voice Ltd: Two hours a week saved, per worker.",
            "Triage Aid by Other Co: Discontinued", "Triage Aid by Other Co: Accuracy, Cost. Missed urgent referrals",
            "Care leaver letters: Letters rewritten for care leavers", "Care leaver letters: Implemented",
            "Care leaver letters: Develop: 0.50 FTE, £12,000.00\nCare leaver letters: Maintain: 0.10 FTE, £1,500.50",
            "Care leaver letters: Care leavers read their letters.\nCare leaver letters: Early signs of time saved\nCare leaver letters: Time saved confirmed",
            "Care leaver letters: Involve care leavers early; then managers.", "Care leaver letters: Regional: A shared procurement framework",
            "Care leaver letters: DPIA (completed 2024-03-01): Signed off\nCare leaver letters: Ethical impact assessment (completed)",
            "Care leaver letters: Ethical impact assessment (Fairness, Privacy)",
            "Care leaver letters: Human review, Staff training", "Visit Notes by Voice Ltd: Integration with the case system",
            "Visit Notes by Voice Ltd: Champions in every team", "Care leaver letters: Guidance on generative AI", "Not yet recorded",
            "Care leaver letters: External (completed)\nCare leaver letters: Internal (under way)",
            "Care leaver letters: External (completed): Time saved confirmed\nCare leaver letters: Internal (under way): Early signs of time saved",
            "Live", "Children's social care\nEducation\nPolice", "https://example.org/model",
        ],
        [
            "", "806", "Middlesbrough", "North East", "Returned", "", "", "", "",
        ] + Array(repeating: "Not yet recorded", count: 20) + ["Planned within 12 months", "Not yet recorded", "Not yet recorded"],
    ].map { row in row.map { $0.contains(",") || $0.contains("\n") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"

    static func importing(_ registry: TestRegistry, _ csv: String, query: String = "", as identity: TestRegistry.Identity = .admin) async throws -> Reply {
        try await registry.send(
            .post, "/api/v1/call-for-evidence/import\(query)", json: csv, headers: [.contentType: "text/csv"], as: identity)
    }

    @Test func importThenExportGivesTheSameAnswers() async throws {
        try await TestRegistry.run { registry in
            let reply = try await Self.importing(registry, Self.survey, query: "?sharing_level=sector")
            #expect(reply.status == 200, "\(reply.body)")
            #expect(try reply.json["rows"] as? Int == 2)
            #expect(try reply.json["authorities"] as? [String] == ["E06000001", "E06000002"])
            let created = try #require(try reply.json["created"] as? [String: Int])
            #expect(created["pilots"] == 4)
            #expect(created["providers"] == 2)
            #expect(try await registry.count("audit_events", where: "resource_type = 'pilot' AND action = 'create'") == 4)

            let export = try await registry.get("/api/v1/call-for-evidence/responses.csv")
            let imported = EESConventions.parse(Self.survey), exported = EESConventions.parse(export.body)
            #expect(exported.first == imported.first)
            let written = Dictionary(uniqueKeysWithValues: exported.dropFirst().map { ($0[2], $0) })
            for given in imported.dropFirst() {
                let row = try #require(written[given[2]])
                for (column, (a, b)) in zip(Self.columns, zip(given, row)) where !["new_la_code", "old_la_code"].contains(column) {
                    #expect(a == b, "\(given[2]) \(column)")
                }
            }
        }
    }

    @Test func aRetriedImportWithTheSameKeyImportsOnce() async throws {
        try await TestRegistry.run { registry in
            func send() async throws -> Reply {
                try await registry.send(
                    .post, "/api/v1/call-for-evidence/import", json: Self.survey,
                    headers: [.contentType: "text/csv", HTTPField.Name("Idempotency-Key")!: "survey-2026-03"])
            }
            let first = try await send(), retry = try await send()
            #expect(first.status == 200 && retry.status == 200)
            #expect(retry.body == first.body)
            #expect(try await registry.count("pilots") == 4)
        }
    }

    @Test func badRowsAreRefusedWithLineNumbersAndNothingIsWritten() async throws {
        try await TestRegistry.run { registry in
            let before = try await registry.snapshot()
            let audit = try await registry.count("audit_events")
            var rows = Self.survey.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            rows[2] = rows[2].replacingOccurrences(of: "Planned within 12 months", with: "Maybe")
            rows.append("E99999999,,,,Returned,,,,,No" + String(repeating: ",", count: 22))
            let reply = try await Self.importing(registry, rows.joined(separator: "\r\n"))
            #expect(reply.status == 422, "\(reply.body)")
            #expect(reply.contentType == "application/problem+json")
            // Lines are the file's lines: Hartlepool's statements, a line each, come first.
            let middlesbrough = 3 + rows[1].filter { $0 == "\n" }.count
            #expect(try reply.problemFields == ["line \(middlesbrough): q21_single_view_status"])
            #expect(try await registry.snapshot() == before)

            // Rows that read well but fail when written (an unknown authority on the last line) roll back the rows before them.
            rows[2] = Self.survey.components(separatedBy: "\r\n")[2]
            let late = try await Self.importing(registry, rows.joined(separator: "\r\n"))
            #expect(late.status == 422, "\(late.body)")
            #expect(try late.problemFields == ["line \(middlesbrough + 1): new_la_code"], "\(late.body)")
            #expect(try await registry.snapshot() == before)
            #expect(try await registry.count("audit_events") == audit)
        }
    }

    @Test func unknownColumnsAreReportedAndEditorsImportOnlyTheirOwnAuthority() async throws {
        try await TestRegistry.run { registry in
            let csv = "new_la_code,favourite_colour,q21_single_view_status\r\nE06000001,blue,Live\r\n"
            let editor = try await registry.token(.authorityEditor, authority: "E06000001")
            let reply = try await Self.importing(registry, csv, as: .token(editor))
            #expect(reply.status == 200, "\(reply.body)")
            #expect(try reply.json["unknown_columns"] as? [String] == ["favourite_colour"])

            let neighbour = try await Self.importing(registry, "new_la_code,q21_single_view_status\r\nE06000002,Live\r\n", as: .token(editor))
            #expect(neighbour.status == 403, "\(neighbour.body)")
            #expect(try await Self.importing(registry, csv, as: .anonymous).status == 401)
            #expect(try await Self.importing(registry, "").status == 422)
        }
    }
}

@Suite struct CallForEvidenceRoundTripTests {
    /// Every demonstration authority's exported row, imported alone into an empty registry,
    /// exports again to exactly the same answers.
    @Test func everyDemoAuthorityImportsBackToTheSameAnswers() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("round-trip-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try await TestRegistry.run { registry in
            var loader = DemoDataLoader(store: RegistryStore(client: registry.database, logger: TestDatabases.shared.logger))
            _ = try await loader.load()
            let export = try await registry.get("/api/v1/call-for-evidence/responses.csv")
            #expect(export.status == 200)
            try Data(export.body.utf8).write(to: file)
        }
        let original = CSVReader.parse(try String(contentsOf: file, encoding: .utf8))
        let header = try #require(original.first)
        let returned = original.dropFirst().filter { $0[4] == "Returned" }
        #expect(returned.count > 100)
        try await TestRegistry.run { registry in
            for row in returned {
                var csv = CSVWriter(header: header)
                csv.append(row)
                let reply = try await CallForEvidenceImportTests.importing(registry, csv.text)
                #expect(reply.status == 200, "\(row[2]): \(reply.body)")
            }
            let again = CSVReader.parse(try await registry.get("/api/v1/call-for-evidence/responses.csv").body)
            #expect(again.count == original.count)
            for (before, after) in zip(original.dropFirst(), again.dropFirst()) {
                for (column, (a, b)) in zip(header, zip(before, after)) {
                    #expect(a == b, "\(before[2]) \(column)")
                }
            }
        }
    }
}
