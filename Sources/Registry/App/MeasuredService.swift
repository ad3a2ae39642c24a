import ServiceLifecycle

/// A service whose statements are measured like a request's (`DatabaseMetrics.current`): the
/// dashboards' builds and the database monitor's probes run outside any request.
struct MeasuredService: Service {
    let service: any Service
    let metrics: DatabaseMetrics

    init(_ service: any Service, metrics: DatabaseMetrics) {
        self.service = service
        self.metrics = metrics
    }

    func run() async throws {
        try await DatabaseMetrics.$current.withValue(metrics) { try await service.run() }
    }
}
