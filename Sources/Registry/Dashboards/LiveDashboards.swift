import Foundation

/// Dashboards built for a signed-in reader's audience when asked for, as they stand now: a
/// site is built once per audience and records' version, kept while no record changes,
/// and shared by readers asking at the same time.
actor LiveDashboards {
    private let builder: DashboardBuilder
    private let store: RegistryStore
    /// A few audiences' sites at most; the least recently read goes first.
    private let capacity: Int
    private var sites: [String: (version: DataVersion, build: Task<[String: Data], any Error>)] = [:]
    private var recentlyRead: [String] = []

    init(builder: DashboardBuilder, store: RegistryStore, capacity: Int = 4) {
        (self.builder, self.store, self.capacity) = (builder, store, capacity)
    }

    /// The audience's site as of the records' current version.
    func site(for audience: Audience) async throws -> [String: Data] {
        let key = audience.description
        let version = try await store.recordsVersion()
        recentlyRead.removeAll { $0 == key }
        recentlyRead.append(key)
        if let kept = sites[key], kept.version >= version { return try await kept.build.value }
        let build = Task { [builder] in try await builder.build(audience) }
        sites[key] = (version, build)
        while recentlyRead.count > capacity { sites[recentlyRead.removeFirst()] = nil }
        do {
            return try await build.value
        } catch {
            // A failed build is not kept: the next reader tries again.
            if sites[key]?.version == version { sites[key] = nil }
            throw error
        }
    }
}
