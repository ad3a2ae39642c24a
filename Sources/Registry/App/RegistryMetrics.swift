import CoreMetrics
import Metrics
import Prometheus

/// Every metric one server exposes, in a Prometheus registry of its own rather than
/// swift-metrics' process-wide one, so that each application built in a process (the tests
/// build many) counts only what it served.
final class RegistryMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    let requests: RequestMetrics
    let database: DatabaseMetrics
    let dashboards: DashboardMetrics
    let cache: CacheMetrics
    /// Bearer tokens and headers refused, by kind, and requests refused for too many failures.
    let authenticationFailures: LabelledMetrics<CoreMetrics.Counter>
    let throttledRequests: CoreMetrics.Counter
    /// Addresses and token prefixes refused for now; read from the throttle at each scrape.
    let throttledKeys: Meter
    /// Migrations this build knows that the database has applied, and has not; read at each scrape.
    let migrationsApplied: Meter
    let migrationsPending: Meter

    init(build: BuildInformation) {
        let registry = PrometheusCollectorRegistry()
        var prometheus = PrometheusMetricsFactory(registry: registry)
        // Requests and statements take milliseconds; dashboard builds take seconds to minutes.
        prometheus.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .seconds(2.5), .seconds(5), .seconds(10),
        ]
        prometheus.durationHistogramBuckets["csc_registry_dashboard_build_duration_seconds"] = [
            .seconds(1), .seconds(5), .seconds(15), .seconds(30), .seconds(60), .seconds(300), .seconds(900), .seconds(1800),
        ]
        self.registry = registry
        let factory = prometheus
        self.factory = factory
        requests = RequestMetrics(factory: factory)
        database = DatabaseMetrics(factory: factory)
        dashboards = DashboardMetrics(factory: factory)
        cache = CacheMetrics(factory: factory)
        authenticationFailures = LabelledMetrics("kind") {
            CoreMetrics.Counter(label: "csc_registry_authentication_failures_total", dimensions: $0, factory: factory)
        }
        throttledRequests = CoreMetrics.Counter(label: "csc_registry_throttled_requests_total", factory: factory)
        throttledKeys = Meter(label: "csc_registry_throttled_clients", factory: factory)
        migrationsApplied = Meter(label: "csc_registry_migrations", dimensions: [("state", "applied")], factory: factory)
        migrationsPending = Meter(label: "csc_registry_migrations", dimensions: [("state", "pending")], factory: factory)
        Meter(label: "csc_registry_build_info", dimensions: [("version", build.version), ("commit", build.commit)], factory: factory)
            .set(1)
    }

    /// The text exposition format Prometheus scrapes.
    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
