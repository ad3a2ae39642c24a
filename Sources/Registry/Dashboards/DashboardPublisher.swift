import Foundation
import Logging
import ServiceLifecycle

/// Keeps the public dashboards served at /dashboards/ current: builds them when the server
/// starts, again once the records' version has changed and then held still for the
/// debounce period (a burst of edits costs one build), and at once when an administrator asks.
///
/// It watches the records' version rather than this server's own writes, so changes made
/// through another instance, or straight in the database, reach every instance's dashboards;
/// sign-ins and audit entries alone leave that version, and the dashboards, as they are.
actor DashboardPublisher: Service {
    let builder: DashboardBuilder
    let folder: URL
    let debounce: Duration
    /// The child process that builds the site; nil to build in this process, as the tests'
    /// servers do (their executable is the test bundle, not `csc-registry`).
    let buildProcess: SiteBuildProcess?
    let logger: Logger
    private var builtAt: DataVersion?
    private var lastBuild: Task<Void, Never>?
    private(set) var latest: DashboardBuilder.Result?

    init(builder: DashboardBuilder, folder: URL, debounce: Duration, buildProcess: SiteBuildProcess? = nil, logger: Logger) {
        self.builder = builder
        self.folder = folder
        self.debounce = debounce
        self.buildProcess = buildProcess
        self.logger = logger
    }

    /// Builds and publishes the public site now, after any build already under way, so two
    /// builds never write the served folder at once.
    @discardableResult
    func rebuild() async throws -> DashboardBuilder.Result {
        let previous = lastBuild
        let build = Task { [previous] in
            await previous?.value
            return try await self.buildAndPublish()
        }
        lastBuild = Task { _ = try? await build.value }
        // A caller who stops waiting (the server shutting down) stops the build, and its process.
        return try await withTaskCancellationHandler { try await build.value } onCancel: { build.cancel() }
    }

    private func buildAndPublish() async throws -> DashboardBuilder.Result {
        let version = try await builder.store.recordsVersion()
        let now = Date()
        let result: DashboardBuilder.Result
        if let buildProcess {
            try await buildProcess.build(into: folder)
            result = DashboardBuilder.summary(ofFolder: folder, builtAt: now)
        } else {
            let files = try await builder.build(.publicAudience, now: now)
            try DashboardBuilder.write(files, to: folder)
            result = DashboardBuilder.summary(files, builtAt: now)
        }
        latest = result
        builtAt = version
        logger.info("Published the public dashboards", metadata: ["pages": "\(result.pages)", "bytes": "\(result.bytes)"])
        return result
    }

    /// Publishes once at start-up, then checks the records' version every debounce period until
    /// shutdown, which also stops a build under way.
    func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.rebuildLogging()
            var lastSeen: DataVersion?
            while (try? await Task.sleep(for: self.debounce)) != nil {
                guard let version = try? await self.builder.store.recordsVersion() else { continue }
                if await self.isStale(version), version == lastSeen { await self.rebuildLogging() }
                lastSeen = version
            }
        }
    }

    private func isStale(_ version: DataVersion) -> Bool {
        builtAt.map { $0 < version } ?? true
    }

    private func rebuildLogging() async {
        do {
            try await rebuild()
        } catch {
            // One stopped because the server is stopping has not failed.
            if !Task.isCancelled {
                logger.error("Could not build the public dashboards", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }
}
