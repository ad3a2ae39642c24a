import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Testing

@testable import Registry

/// Signed-in readers' sites are built into folders of their own, outside the server's memory:
/// a reader who cannot wait for a newer site gets the one kept, and nothing outlives the server.
@Suite struct LiveDashboardsTests {
    static func live(_ registry: TestRegistry) async throws -> LiveDashboards {
        try LiveDashboards(build: SiteBuild(builder: try await DashboardTests.builder(registry), process: nil), patience: .milliseconds(50))
    }

    /// Runs `body` while another transaction holds the pilots table, so any build waits.
    static func whileBuildsWait(_ registry: TestRegistry, _ body: () async throws -> Void) async throws {
        try await registry.database.withConnection { connection in
            try await connection.query("BEGIN", logger: TestDatabases.shared.logger)
            try await connection.query("LOCK TABLE pilots IN ACCESS EXCLUSIVE MODE", logger: TestDatabases.shared.logger)
            do {
                try await body()
            } catch {
                try await connection.query("ROLLBACK", logger: TestDatabases.shared.logger)
                throw error
            }
            try await connection.query("ROLLBACK", logger: TestDatabases.shared.logger)
        }
    }

    /// The site once its build has finished.
    static func built(_ live: LiveDashboards, newerThan version: DataVersion? = nil) async throws -> LiveDashboards.Site {
        for _ in 0..<600 {
            if let site = try? await live.site(for: .sector), version.map({ site.version > $0 }) ?? true { return site }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CancellationError()
    }

    static func page(_ site: LiveDashboards.Site, _ path: String) throws -> String {
        try String(contentsOf: site.folder.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func aReaderWhoCannotWaitGetsTheSiteKeptWhileANewerOneIsBuilt() async throws {
        try await TestRegistry.run { registry in
            let (_, tool, _) = try await registry.makePilot(sharing: "sector")
            let live = try await Self.live(registry)
            defer { try? FileManager.default.removeItem(at: live.root) }
            let mode = try FileManager.default.attributesOfItem(atPath: live.root.path)[.posixPermissions] as? Int
            #expect(mode == 0o700, "only the server's own user reads what only an audience may")

            try await Self.whileBuildsWait(registry) {
                await #expect(throws: LiveDashboards.StillBuilding.self) { try await live.site(for: .sector) }
            }
            let first = try await Self.built(live)
            #expect(first.folder.path.hasPrefix(live.root.path))
            #expect(try Self.page(first, "authorities/E06000001.html").contains("Visit notes pilot"))

            _ = try await ReaderPageTests.pilot(registry, tool: tool, title: "Registered since", sharing: "sector")
            try await Self.whileBuildsWait(registry) {
                let kept = try await live.site(for: .sector)
                #expect(kept.folder == first.folder && kept.version == first.version)
            }
            let second = try await Self.built(live, newerThan: first.version)
            #expect(second.folder != first.folder)
            #expect(try Self.page(second, "authorities/E06000001.html").contains("Registered since"))
            let archive = try second.archive(folderName: "sector-dashboards")
            #expect(archive.deletingLastPathComponent().standardizedFileURL.path == live.root.standardizedFileURL.path && archive.pathExtension == "zip")
            let unzipped = try AudienceDownloadTests.unzip(try Data(contentsOf: archive))
            #expect(unzipped["sector-dashboards/authorities/E06000001.html"] == (try Data(contentsOf: second.folder.appendingPathComponent("authorities/E06000001.html"))))
            #expect(try second.archive(folderName: "sector-dashboards") == archive, "written once")
        }
    }

    @Test func sitesOfAServerThatWasKilledGoWhenTheNextStarts() throws {
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("abandoned-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let abandoned = folder.appendingPathComponent("\(LiveDashboards.prefix)\(ended.processIdentifier)-site")
        let running = folder.appendingPathComponent("\(LiveDashboards.prefix)\(getpid())-site")
        for site in [abandoned, running] {
            try FileManager.default.createDirectory(at: site.appendingPathComponent("1"), withIntermediateDirectories: true)
        }
        LiveDashboards.removeAbandoned(in: folder)
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
        #expect(FileManager.default.fileExists(atPath: running.path), "a running server's sites stay")
    }

    @Test func everySiteGoesWhenTheServerStops() async throws {
        try await TestRegistry.run { registry in
            _ = try await registry.makePilot(sharing: "sector")
            let live = try await Self.live(registry)
            let site = try await Self.built(live)
            #expect(FileManager.default.fileExists(atPath: site.folder.appendingPathComponent("index.html").path))
            let services = ServiceGroup(configuration: .init(services: [live], logger: TestDatabases.shared.logger))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await services.run() }
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
            }
            #expect(!FileManager.default.fileExists(atPath: live.root.path))
        }
    }
}
