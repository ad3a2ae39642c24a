import CoreMetrics
import Metrics

/// Requests by route template, method and status, how long they took, and how many are being
/// answered now.
final class RequestMetrics: Sendable {
    private let counts: LabelledMetrics<Counter>
    private let durations: LabelledMetrics<Timer>
    let inFlight: Meter

    init(factory: any MetricsFactory) {
        counts = LabelledMetrics("route", "method", "status") {
            Counter(label: "csc_registry_http_requests_total", dimensions: $0, factory: factory)
        }
        durations = LabelledMetrics("route", "method", "status") {
            Timer(label: "csc_registry_http_request_duration_seconds", dimensions: $0, factory: factory)
        }
        inFlight = Meter(label: "csc_registry_http_requests_in_flight", factory: factory)
    }

    func record(_ request: FinishedRequest) {
        let status = String(request.status)
        counts[request.route, request.method, status].increment()
        durations[request.route, request.method, status].record(duration: request.duration)
    }
}
