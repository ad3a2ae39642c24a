import Foundation
import ServiceLifecycle

/// Dashboards built for a signed-in reader's audience when asked for, as they stand now.
///
/// Each site is built the way the public one is (`SiteBuild`, a child process under `serve`)
/// into a folder of its own under a private directory, and read from there: a sector-wide site
/// at scale 1,000 needs gigabytes while it is built, which must not stay with the server. A site
/// is kept while no record changes; builds run one at a time, shared by readers asking at once.
actor LiveDashboards: Service {
    /// What a reader gets: the site's folder, and when its figures were read.
    struct Site: Sendable {
        let folder: URL
        let version: DataVersion
        let builtAt: Date

        /// The whole site as one zip beside its folder, written the first time it is asked for
        /// (under a name of its own, then moved into place, so a reader never gets half of one).
        func archive(folderName: String) throws -> URL {
            let file = folder.appendingPathExtension("zip")
            if FileManager.default.fileExists(atPath: file.path) { return file }
            let partial = folder.appendingPathExtension("zip-\(UUID().uuidString)")
            do {
                try ZipArchive.write(folder: folder, folderName: folderName, modified: builtAt, to: partial)
                guard rename(partial.path, file.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
            } catch {
                try? FileManager.default.removeItem(at: partial)
                throw error
            }
            return file
        }
    }

    /// No site for the audience is ready yet and its first build is still running.
    struct StillBuilding: Error {}

    private let build: SiteBuild
    /// Readable by this server's user only: the sites hold what only their audience may read.
    nonisolated let root: URL
    /// How long a reader waits for a newer site before being given the one kept, or told to come back.
    private let patience: Duration
    /// A few audiences' sites at most; the least recently read goes first.
    private let capacity: Int
    private var kept: [String: Site] = [:]
    private var building: [String: Task<Site, any Error>] = [:]
    private var recentlyRead: [String] = []
    private var waiting: [String: [UUID: CheckedContinuation<Result<Site, any Error>?, Never>]] = [:]
    /// The build under way or last started, so the next waits for it: one at a time bounds memory.
    private var lastBuild: Task<Void, Never>?
    private var builds = 0

    init(build: SiteBuild, patience: Duration = .seconds(20), capacity: Int = 4) throws {
        (self.build, self.patience, self.capacity) = (build, patience, capacity)
        let temporary = FileManager.default.temporaryDirectory
        Self.removeAbandoned(in: temporary)
        root = temporary.appendingPathComponent("\(Self.prefix)\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Named with the server's process id, so a server killed before it could remove its sites
    /// is known by the next one to start.
    static let prefix = "csc-registry-live-"

    /// Removes the sites of servers that have ended without removing them (SIGKILL, a crash).
    static func removeAbandoned(in folder: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isNumber }) else { continue }
            // Another user's process answers EPERM: only a process that no longer exists is gone.
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        }
    }

    /// The audience's site as of the records' current version, or, when that takes longer than
    /// the reader's patience, the one kept from an earlier version.
    func site(for audience: Audience) async throws -> Site {
        let key = audience.description
        let version = try await build.store.recordsVersion()
        recentlyRead.removeAll { $0 == key }
        recentlyRead.append(key)
        if let site = kept[key], site.version >= version { return site }
        if building[key] == nil { startBuild(audience, key: key) }
        switch await waitForBuild(of: key) {
        case .some(.success(let site)): return site
        case .some(.failure(let error)): throw error
        case .none:
            guard let site = kept[key] else { throw StillBuilding() }
            return site
        }
    }

    private func startBuild(_ audience: Audience, key: String) {
        builds += 1
        let folder = root.appendingPathComponent("\(builds)")
        let previous = lastBuild
        let task = Task { [build] in
            await previous?.value
            let version = try await build.store.recordsVersion()
            let result = try await build.build(audience, into: folder)
            return Site(folder: folder, version: version, builtAt: result.builtAt)
        }
        building[key] = task
        lastBuild = Task { _ = try? await task.value }
        Task { await self.finished(task, key: key, folder: folder) }
    }

    /// The build's result, or nil once the reader's patience has run out.
    private func waitForBuild(of key: String) async -> Result<Site, any Error>? {
        let id = UUID()
        return await withCheckedContinuation { continuation in
            waiting[key, default: [:]][id] = continuation
            Task { [patience] in
                try? await Task.sleep(for: patience)
                self.answer(key, id, with: nil)
            }
        }
    }

    private func answer(_ key: String, _ id: UUID, with result: Result<Site, any Error>?) {
        waiting[key]?.removeValue(forKey: id)?.resume(returning: result)
    }

    private func finished(_ task: Task<Site, any Error>, key: String, folder: URL) async {
        let result = await task.result
        building[key] = nil
        for id in Array(waiting[key, default: [:]].keys) { answer(key, id, with: result) }
        guard case .success(let site) = result else {
            // A failed build is not kept: the next reader tries again.
            try? FileManager.default.removeItem(at: folder)
            return
        }
        if let replaced = kept.updateValue(site, forKey: key) { Self.removeLater(replaced.folder) }
        // Only the audiences read most recently keep their sites, this one included.
        if recentlyRead.count > capacity { recentlyRead.removeFirst(recentlyRead.count - capacity) }
        for (audience, evicted) in kept where !recentlyRead.contains(audience) {
            kept[audience] = nil
            Self.removeLater(evicted.folder)
        }
    }

    /// Removed after a reader who was just given the folder has had time to read from it.
    private static func removeLater(_ folder: URL) {
        Task {
            try? await Task.sleep(for: .seconds(60))
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: folder.appendingPathExtension("zip"))
        }
    }

    /// Until the server stops; then builds under way stop and every site kept goes.
    func run() async throws {
        try? await gracefulShutdown()
        let builds = Array(building.values)
        for task in builds { task.cancel() }
        // A build writing into the folder would make it again after it was removed.
        for task in builds { _ = await task.result }
        try? FileManager.default.removeItem(at: root)
    }
}
