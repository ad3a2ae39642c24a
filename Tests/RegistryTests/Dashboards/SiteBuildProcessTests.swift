import Foundation
import Logging
import Testing

@testable import Registry

/// The server builds its sites with the real `csc-registry` beside this test bundle
/// (`swift build --build-tests` builds both): into the served folder, taking stale files out,
/// and a build that cannot reach its database fails the rebuild instead of passing unnoticed.
@Suite struct SiteBuildProcessTests {
    @Test func buildsAnAudiencesSiteInAProcessOfItsOwn() async throws {
        let executable = try BuiltExecutable.cscRegistry()
        let database = try await TestDatabases.shared.fresh()
        defer { Task { await TestDatabases.shared.drop(database) } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("site-build-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stale = folder.appendingPathComponent("withdrawn.html")
        try Data("a page no longer built".utf8).write(to: stale)

        try await SiteBuildProcess(executable: executable, database: database, logLevel: .warning).build(.sector, into: folder)
        let built = DashboardBuilder.summary(ofFolder: folder, builtAt: Date())
        #expect(built.pages > 1)
        #expect(built.bytes > 0)
        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("signed-in users across the sector"), "built for the audience asked for")
        #expect(!FileManager.default.fileExists(atPath: stale.path))

        let missing = SiteBuildProcess(
            executable: executable, database: database.with(database: "no_such_database"), logLevel: .critical)
        await #expect(throws: SiteBuildFailed.self) { try await missing.build(.publicAudience, into: folder) }
        #expect(DashboardBuilder.summary(ofFolder: folder, builtAt: Date()).pages == built.pages)
    }
}
