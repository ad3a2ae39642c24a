import Foundation
import Logging
import Testing

@testable import Registry

/// The server builds the public site with the real `csc-registry` beside this test bundle
/// (`swift build --build-tests` builds both): into the served folder, taking stale files out,
/// and a build that cannot reach its database fails the rebuild instead of passing unnoticed.
@Suite struct SiteBuildProcessTests {
    @Test func buildsThePublicSiteInAProcessOfItsOwn() async throws {
        let executable = try #require(Bundle.main.executableURL?.deletingLastPathComponent()
            .appendingPathComponent("csc-registry"))
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "\(executable.path) is not built")
        let database = try await TestDatabases.shared.fresh()
        defer { Task { await TestDatabases.shared.drop(database) } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("site-build-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stale = folder.appendingPathComponent("withdrawn.html")
        try Data("a page no longer built".utf8).write(to: stale)

        try await SiteBuildProcess(executable: executable, database: database, logLevel: .warning).build(into: folder)
        let built = DashboardBuilder.summary(ofFolder: folder, builtAt: Date())
        #expect(built.pages > 1)
        #expect(built.bytes > 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.html").path))
        #expect(!FileManager.default.fileExists(atPath: stale.path))

        let missing = SiteBuildProcess(
            executable: executable, database: database.with(database: "no_such_database"), logLevel: .critical)
        await #expect(throws: SiteBuildFailed.self) { try await missing.build(into: folder) }
        #expect(DashboardBuilder.summary(ofFolder: folder, builtAt: Date()).pages == built.pages)
    }
}
