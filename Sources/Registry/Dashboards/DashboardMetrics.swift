import CoreMetrics
import Metrics

/// Dashboard builds, by the kind of audience they are for (never which network or authority):
/// how many succeeded or failed, and how long the successful ones took.
final class DashboardMetrics: Sendable {
    private let builds: LabelledMetrics<Counter>
    private let durations: LabelledMetrics<Timer>

    init(factory: any MetricsFactory) {
        builds = LabelledMetrics("audience", "outcome") {
            Counter(label: "csc_registry_dashboard_builds_total", dimensions: $0, factory: factory)
        }
        durations = LabelledMetrics("audience") {
            Timer(label: "csc_registry_dashboard_build_duration_seconds", dimensions: $0, factory: factory)
        }
    }

    /// Runs `build`, counting how it ended; a build stopped because the server is stopping is
    /// not counted, as it neither succeeded nor failed.
    func measure<Result>(_ audience: Audience, _ build: () async throws -> Result) async throws -> Result {
        let kind = Self.kind(audience)
        let started = ContinuousClock.now
        do {
            let result = try await build()
            builds[kind, "succeeded"].increment()
            durations[kind].record(duration: ContinuousClock.now - started)
            return result
        } catch {
            if !Task.isCancelled { builds[kind, "failed"].increment() }
            throw error
        }
    }

    static func kind(_ audience: Audience) -> String {
        switch audience {
        case .everything: "everything"
        case .publicAudience: "public"
        case .sector: "sector"
        case .network: "network"
        case .region: "region"
        case .authority: "authority"
        }
    }
}
