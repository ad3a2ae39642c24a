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
    let site: SiteBuild
    let folder: URL
    let debounce: Duration
    let logger: Logger
    private var builtAt: DataVersion?
    private var lastBuild: Task<Void, Never>?
    private(set) var latest: DashboardBuilder.Result?
    /// How the last build ended and when, for the readiness answer; nil before the first ends.
    private(set) var lastOutcome: (succeeded: Bool, at: Date)?

    init(site: SiteBuild, folder: URL, debounce: Duration, logger: Logger) {
        (self.site, self.folder, self.debounce, self.logger) = (site, folder, debounce, logger)
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
        let result: DashboardBuilder.Result
        let version: DataVersion
        do {
            version = try await site.store.recordsVersion()
            result = try await site.build(.publicAudience, into: folder)
        } catch {
            if !Task.isCancelled { lastOutcome = (false, Date()) }
            throw error
        }
        latest = result
        lastOutcome = (true, Date())
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
                guard let version = try? await self.site.store.recordsVersion() else { continue }
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
