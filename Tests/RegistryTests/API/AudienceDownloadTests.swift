import Foundation
import Testing

@testable import Registry

/// A network's own dashboards and export through the API, exactly as the command line makes
/// them, and only for the audience's members.
@Suite struct AudienceDownloadTests {
    /// The files of a zip archive, path → contents, read by the system's `unzip`.
    static func unzip(_ archive: Data) throws -> [String: Data] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unzip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("archive.zip")
        try archive.write(to: file)
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        unzip.arguments = ["-q", file.path, "-d", folder.appendingPathComponent("out").path]
        try unzip.run()
        unzip.waitUntilExit()
        #expect(unzip.terminationStatus == 0)
        return try OutputFolderTestReader.read(folder.appendingPathComponent("out"))
    }

    @Test func aNetworkMemberTakesTheNetworksExportAndDashboardsAsTheCommandLineMakesThem() async throws {
        try await TestRegistry.run { registry in
            _ = try await StatisticsTests.load(registry)
            let member = TestRegistry.Identity.token(try await registry.token(.networkMember, networks: ["north-east"]))
            let reply = try await registry.get("/api/v1/audiences/network:north-east/export.zip", as: member)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.contentType == "application/zip")
            #expect(reply.headers[.contentDisposition] == "attachment; filename=\"network-north-east-export.zip\"")
            let served = try Self.unzip(reply.bytes)

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let written = try await RegistryOperations.export(
                database: registry.url, audience: "network:north-east", to: folder, logger: TestDatabases.shared.logger)
            let expected = try OutputFolderTestReader.read(folder)
            #expect(Set(served.keys) == Set(written.map { "network-north-east-export/\($0)" }))
            for path in written where path != "registry.json" {
                #expect(served["network-north-east-export/\(path)"] == expected[path], "\(path)")
            }
            // The pilot Leeds shared with its own network is not in the North East's export.
            let pilots = String(decoding: try #require(served["network-north-east-export/tables/pilots.csv"]), as: UTF8.self)
            #expect(pilots.contains("E06000003") && !pilots.contains("E08000035"))

            let site = try await registry.get("/api/v1/audiences/network:north-east/dashboards.zip", as: member)
            #expect(site.status == 200, "\(site.body)")
            let pages = try Self.unzip(site.bytes)
            let built = try await DashboardTests.builder(registry).build(.network("north-east"))
            #expect(Set(pages.keys) == Set(built.keys.map { "network-north-east-dashboards/\($0)" }))
            let index = String(decoding: try #require(pages["network-north-east-dashboards/index.html"]), as: UTF8.self)
            #expect(index.contains("members of North East"))
        }
    }

    @Test func onlyAnAudiencesMembersTakeIt() async throws {
        try await TestRegistry.run { registry in
            let northEast = TestRegistry.Identity.token(try await registry.token(.networkMember, networks: ["north-east"]))
            let london = TestRegistry.Identity.token(try await registry.token(.networkMember, networks: ["london"]))
            let hartlepool = TestRegistry.Identity.token(try await registry.token(.authorityEditor, authority: "E06000001"))
            let analyst = TestRegistry.Identity.token(try await registry.token(.nationalAnalyst))
            let cases: [(String, TestRegistry.Identity, Int)] = [
                ("public", .anonymous, 200),
                ("sector", .anonymous, 401), ("sector", analyst, 200), ("sector", hartlepool, 200),
                ("network:north-east", northEast, 200), ("network:north-east", london, 403),
                ("network:north-east", hartlepool, 403), ("network:north-east", analyst, 403),
                ("network:north-east", .anonymous, 401), ("network:north-east", .admin, 200),
                ("region:E12000001", northEast, 200), ("region:E12000007", northEast, 403),
                ("authority:E06000001", hartlepool, 200), ("authority:805", hartlepool, 200),
                ("authority:E06000002", hartlepool, 403),
                ("everything", analyst, 403), ("everything", .admin, 200),
                ("network:nowhere", .admin, 404), ("nonsense", .admin, 404), ("authority:E99999999", .admin, 404),
            ]
            for (audience, identity, status) in cases {
                let reply = try await registry.get("/api/v1/audiences/\(audience)/export.zip", as: identity)
                #expect(reply.status == status, "\(audience) export: \(reply.body.prefix(200))")
            }
            #expect(try await registry.get("/api/v1/audiences/network:north-east/dashboards.zip", as: london).status == 403)
            #expect(try await registry.get("/api/v1/audiences/public/dashboards.zip", as: .anonymous).status == 200)
        }
    }
}

/// Every file under a folder, path → contents.
enum OutputFolderTestReader {
    static func read(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = folder.standardizedFileURL.path + "/"
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(root.count))] = try Data(contentsOf: url)
        }
        return files
    }
}
