import Foundation

/// Builds an audience's site into a folder: in a child process when the server runs as
/// `csc-registry`, so the build's memory goes back when it ends, else in this process (the
/// tests' servers, whose executable is the test bundle).
struct SiteBuild: Sendable {
    let builder: DashboardBuilder
    let process: SiteBuildProcess?
    var metrics: DashboardMetrics?

    var store: RegistryStore { builder.store }

    func build(_ audience: Audience, into folder: URL) async throws -> DashboardBuilder.Result {
        guard let metrics else { return try await buildUnmeasured(audience, into: folder) }
        return try await metrics.measure(audience) { try await buildUnmeasured(audience, into: folder) }
    }

    private func buildUnmeasured(_ audience: Audience, into folder: URL) async throws -> DashboardBuilder.Result {
        let now = Date()
        if let process {
            try await process.build(audience, into: folder)
            return DashboardBuilder.summary(ofFolder: folder, builtAt: now)
        }
        let files = try await builder.build(audience, now: now)
        try DashboardBuilder.write(files, to: folder)
        return DashboardBuilder.summary(files, builtAt: now)
    }
}
