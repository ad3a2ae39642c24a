import Foundation
import Testing

@testable import Registry

/// `csc-registry import call-for-evidence` and `csc-registry export`, run as the command line runs them.
@Suite struct ExportOperationsTests {
    static let survey = """
        new_la_code,q01_uses_procured_tools,q02_procured_tools_and_providers,q21_single_view_status
        E06000001,Yes,Visit Notes by Voice Ltd: Implemented,Live
        E06000002,Yes,Summaries by Voice Ltd: Pilot,In development

        """

    static func withDatabase(_ body: @Sendable @escaping (DatabaseURL, URL) async throws -> Void) async throws {
        try await TestSlots.shared.withSlot {
            let database = try await TestDatabases.shared.fresh()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            do {
                try await body(database, folder)
            } catch {
                await TestDatabases.shared.drop(database)
                throw error
            }
            await TestDatabases.shared.drop(database)
        }
    }

    @Test func importedSurveyIsExportedForEachAudience() async throws {
        try await Self.withDatabase { database, folder in
            let logger = TestDatabases.shared.logger
            let file = folder.appendingPathExtension("csv")
            try Data(Self.survey.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            // Hartlepool's answers are private, Middlesbrough's public.
            let summary = try await RegistryOperations.importCallForEvidence(
                database: database, file: file, sharingLevel: "private", logger: logger)
            #expect(summary.hasPrefix("Imported 2 row(s) for 2 authorities"))

            let files = try await RegistryOperations.export(
                database: database, audience: "everything", to: folder.appendingPathComponent("all"), logger: logger)
            #expect(files.contains("tables/pilots.csv") && files.contains("registry.json"))
            #expect(files.contains("statistics/adoption.csv") && files.contains("statistics/adoption.meta.csv"))
            #expect(files.contains("call-for-evidence-responses.csv"))
            let pilots = try String(contentsOf: folder.appendingPathComponent("all/tables/pilots.csv"), encoding: .utf8)
            #expect(CSVReader.parse(pilots).count == 3)

            let publicFiles = folder.appendingPathComponent("public")
            _ = try await RegistryOperations.export(database: database, audience: "public", to: publicFiles, logger: logger)
            let publicPilots = try String(contentsOf: publicFiles.appendingPathComponent("tables/pilots.csv"), encoding: .utf8)
            #expect(CSVReader.parse(publicPilots).count == 1)
            let answers = try String(contentsOf: publicFiles.appendingPathComponent("call-for-evidence-responses.csv"), encoding: .utf8)
            #expect(!answers.contains("Visit Notes"))

            await #expect(throws: ConfigurationError.self) {
                try await RegistryOperations.export(database: database, audience: "friends", to: folder, logger: logger)
            }
        }
    }

    @Test func aBadFileImportsNothingAndSaysWhy() async throws {
        try await Self.withDatabase { database, folder in
            let file = folder.appendingPathExtension("csv")
            try Data((Self.survey + "E06000003,Perhaps,,\n").utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            do {
                _ = try await RegistryOperations.importCallForEvidence(
                    database: database, file: file, sharingLevel: "public", logger: TestDatabases.shared.logger)
                Issue.record("the import should have been refused")
            } catch let error as ConfigurationError {
                #expect("\(error)".contains("line 4: q01_uses_procured_tools"))
            }
            let count = try await DatabaseSession.run(database, logger: TestDatabases.shared.logger) { client in
                try await client.query("SELECT count(*) AS n FROM pilots").first { try $0.get("n", as: Int.self) } ?? -1
            }
            #expect(count == 0)
        }
    }
}
