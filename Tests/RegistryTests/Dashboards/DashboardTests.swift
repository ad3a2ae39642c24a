import Foundation
import Testing

@testable import Registry

@Suite struct DashboardTests {
    /// 31 March 2026, noon UTC: the fixed clock of every snapshot.
    static let clock = Date(timeIntervalSince1970: 1_774_958_400)

    static func builder(_ registry: TestRegistry) async throws -> DashboardBuilder {
        DashboardBuilder(
            store: RegistryStore(client: registry.database, logger: TestDatabases.shared.logger),
            site: try await DashboardSite.load(from: try TestDatabases.shared.resources.dashboards))
    }

    /// Ids are random; a snapshot numbers them in order of appearance instead.
    static func normalised(_ html: String) -> String {
        let pattern = try! NSRegularExpression(pattern: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        var result = html
        var counter = 0
        var seen: [String: String] = [:]
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let id = String(html[Range(match.range, in: html)!])
            if seen[id] == nil { counter += 1; seen[id] = "id-\(counter)" }
        }
        for (id, name) in seen { result = result.replacingOccurrences(of: id, with: name) }
        return result
    }

    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    @Test(arguments: ["index.html", "networks/north-east.html", "compare.html"])
    func renderedPagesMatchTheirSnapshots(_ page: String) async throws {
        try await TestRegistry.run { registry in
            _ = try await StatisticsTests.load(registry)
            let files = try await Self.builder(registry).build(.sector, now: Self.clock)
            let html = Self.normalised(String(decoding: try #require(files[page]), as: UTF8.self))
            let snapshot = Self.snapshots.appendingPathComponent(page.replacingOccurrences(of: "/", with: "_"))
            guard let expected = try? String(contentsOf: snapshot, encoding: .utf8) else {
                try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
                try html.write(to: snapshot, atomically: true, encoding: .utf8)
                Issue.record("Recorded a new snapshot at \(snapshot.path); check it and run again.")
                return
            }
            #expect(html == expected, "\(page) differs from its snapshot; delete \(snapshot.lastPathComponent) to record it again")
        }
    }

    @Test func eachAudienceSeesExactlyItsOwnRecords() async throws {
        try await TestRegistry.run { registry in
            let (_, tool, _) = try await registry.makePilot(sharing: "public")
            var markers: [String: String] = [:]
            for level in ["private", "network", "sector", "public"] {
                let marker = "Marker-\(level)-\(UUID().uuidString.prefix(8))"
                markers[level] = marker
                let body = Fixtures.pilot(toolID: tool, sharing: level).replacingOccurrences(of: "Visit notes pilot", with: marker)
                _ = try await registry.create("/api/v1/pilots", body)
            }
            let expected: [(Audience, Set<String>)] = [
                (.publicAudience, ["public"]),
                (.sector, ["public", "sector"]),
                (.network("north-east"), ["public", "sector", "network"]),
                (.region("E12000003"), ["public", "sector"]),
                (.authority("E06000001"), ["public", "sector", "network", "private"]),
                (.authority("E06000003"), ["public", "sector", "network"]),
            ]
            let builder = try await Self.builder(registry)
            for (audience, visible) in expected {
                let files = try await builder.build(audience, now: Self.clock)
                let everything = files.values.map { String(decoding: $0, as: UTF8.self) }.joined()
                for (level, marker) in markers {
                    #expect(everything.contains(marker) == visible.contains(level), "\(audience) and the \(level) pilot")
                }
            }
        }
    }

    @Test func siteIsSelfContainedHonestAndZips() async throws {
        try await TestRegistry.run { registry in
            _ = try await StatisticsTests.load(registry)
            let files = try await Self.builder(registry).build(.publicAudience, now: Self.clock)
            #expect(files.keys.contains("assets/style.css") && files.keys.contains("search.html"))
            for (path, contents) in files where path.hasSuffix(".html") {
                let html = String(decoding: contents, as: UTF8.self)
                // Nothing is loaded from elsewhere: no remote stylesheet, script, image or font.
                #expect(html.range(of: #"(src|href)="(https?:)?//"#, options: .regularExpression) == nil, "\(path) loads from elsewhere")
                #expect(html.contains("Built for: everyone (public records only)"), "\(path) says who it is for")
                #expect(html.contains("Data taken <time datetime=\"2026-03-31T12:00:00Z\">31 March 2026 at 12:00 UTC</time>"))
            }
            // Pilots rolled out with no evaluation are shown as such: Middlesbrough's, on the transcription tool's page.
            let tools = files.filter { $0.key.hasPrefix("tools/") }.map { String(decoding: $0.value, as: UTF8.self) }
            let transcription = try #require(tools.first { $0.contains("<h1>Visit Notes</h1>") })
            #expect(transcription.contains("Rolled out with no evaluation"))

            let archive = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString).zip")
            defer { try? FileManager.default.removeItem(at: archive) }
            try ZipArchive.of(files, folderName: "site", modified: Self.clock).write(to: archive)
            let unzip = Process()
            unzip.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            unzip.arguments = ["-m", "zipfile", "-t", archive.path]
            try unzip.run()
            unzip.waitUntilExit()
            #expect(unzip.terminationStatus == 0)
        }
    }

    @Test func serverPublishesThePublicDashboardsOnRequest() async throws {
        try await TestRegistry.run { registry in
            _ = try await registry.makePilot(sharing: "public")
            let editor = try await registry.token(.authorityEditor, authority: "E06000001")
            #expect(try await registry.post("/api/v1/admin/dashboards/rebuild", "", as: .token(editor)).status == 403)
            let rebuilt = try await registry.post("/api/v1/admin/dashboards/rebuild", "")
            #expect(rebuilt.status == 200, "\(rebuilt.body)")
            #expect(try rebuilt.json["pages"] as? Int ?? 0 > 5)
            let page = try await registry.get("/dashboards/index.html", as: .anonymous)
            #expect(page.status == 200)
            #expect(page.body.contains("Built for: everyone (public records only)"))
        }
    }
}
