import Foundation
import RegistryAPI

/// Builds the static dashboard site for one audience and writes it to a folder or a zip.
struct DashboardBuilder: Sendable {
    let store: RegistryStore
    let site: DashboardSite

    struct Result: Sendable, Equatable {
        var files: Int
        var pages: Int
        var bytes: Int
        var builtAt: Date
    }

    /// The whole site in memory, path → contents.
    func build(_ audience: Audience, now: Date = Date(), progress: (@Sendable (String) -> Void)? = nil) async throws -> [String: Data] {
        let viewer = try await store.viewer(for: audience)
        let data = try await SiteData.load(audience, viewer: viewer, store: store, now: now)
        progress?("data loaded")
        let files = site.render(data, audienceName: try await describe(audience))
        progress?("\(files.count) files rendered")
        return files
    }

    /// Writes the site into `folder` in place, each file replaced atomically, then removes the
    /// files the new build no longer has, so no page from an earlier build (or another
    /// audience) lingers and a reader of the served folder never meets a missing page.
    static func write(_ files: [String: Data], to folder: URL) throws {
        try OutputFolder.write(files, into: folder, atomically: true)
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else { return }
        var folders: [URL] = []
        let root = folder.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            let path = String(url.standardizedFileURL.path.dropFirst(root.count))
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                folders.append(url)
            } else if files[path] == nil {
                try fileManager.removeItem(at: url)
            }
        }
        // Deepest first, so a folder emptied of its files and folders goes too.
        for url in folders.sorted(by: { $0.path.count > $1.path.count })
        where (try? fileManager.contentsOfDirectory(atPath: url.path).isEmpty) == true {
            try fileManager.removeItem(at: url)
        }
    }

    /// The summary of a site already written to `folder`, as a build in another process left it.
    static func summary(ofFolder folder: URL, builtAt: Date) -> Result {
        var result = Result(files: 0, pages: 0, bytes: 0, builtAt: builtAt)
        let keys: Set<URLResourceKey> = [.isRegularFileKey, .fileSizeKey]
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: Array(keys))
        while let url = files?.nextObject() as? URL {
            guard let values = try? url.resourceValues(forKeys: keys), values.isRegularFile == true else { continue }
            result.files += 1
            result.pages += url.pathExtension == "html" ? 1 : 0
            result.bytes += values.fileSize ?? 0
        }
        return result
    }

    static func summary(_ files: [String: Data], builtAt: Date) -> Result {
        Result(files: files.count, pages: files.keys.filter { $0.hasSuffix(".html") }.count,
               bytes: files.values.reduce(0) { $0 + $1.count }, builtAt: builtAt)
    }

    /// Who the site was built for, in the words its banner uses.
    func describe(_ audience: Audience) async throws -> String {
        switch audience {
        case .everything: return "registry administrators (every record)"
        case .publicAudience: return "everyone (public records only)"
        case .sector: return "signed-in users across the sector, DfE included"
        case .network(let slug):
            return "members of \(try await store.networks.get(slug).name)"
        case .region(let code):
            return "authorities of the \(try await store.reference.regions().first { $0.code == code }?.name ?? code) region"
        case .authority(let code):
            return try await store.reference.authority(code: code).name
        }
    }
}
