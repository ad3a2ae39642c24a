import Foundation
import Logging
import ServiceLifecycle

/// Keeps the public dashboards served at /dashboards/ current: builds them when the server
/// starts, again a short while after records change (a burst of edits costs one build), and at
/// once when an administrator asks.
actor DashboardPublisher: Service {
    let builder: DashboardBuilder
    let folder: URL
    let debounce: Duration
    let logger: Logger
    private var lastChange: ContinuousClock.Instant?
    private var scheduled: Task<Void, Never>?
    private(set) var latest: DashboardBuilder.Result?

    init(builder: DashboardBuilder, folder: URL, debounce: Duration, logger: Logger) {
        self.builder = builder
        self.folder = folder
        self.debounce = debounce
        self.logger = logger
    }

    /// Records changed: rebuild once things have been quiet for the debounce period.
    nonisolated func recordsChanged() {
        Task { await self.noteChange() }
    }

    private func noteChange() {
        lastChange = .now
        guard scheduled == nil else { return }
        scheduled = Task { await self.rebuildWhenQuiet() }
    }

    private func rebuildWhenQuiet() async {
        while let last = lastChange, case let wait = last.advanced(by: debounce) - .now, wait > .zero {
            guard (try? await Task.sleep(for: wait)) != nil else { return }
        }
        scheduled = nil
        await rebuildLogging()
    }

    /// Builds and publishes the public site now.
    @discardableResult
    func rebuild() async throws -> DashboardBuilder.Result {
        let now = Date()
        let files = try await builder.build(.publicAudience, now: now)
        try DashboardBuilder.write(files, to: folder)
        let result = DashboardBuilder.summary(files, builtAt: now)
        latest = result
        logger.info("Published the public dashboards", metadata: ["pages": "\(result.pages)", "bytes": "\(result.bytes)"])
        return result
    }

    /// Publishes once at start-up, then waits for shutdown; rebuilds run as changes arrive.
    func run() async throws {
        await rebuildLogging()
        try? await gracefulShutdown()
        scheduled?.cancel()
    }

    private func rebuildLogging() async {
        do {
            try await rebuild()
        } catch {
            logger.error("Could not build the public dashboards", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}
