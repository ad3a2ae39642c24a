import CoreMetrics
import Hummingbird

/// Reports every request once its answer has been written: to the metrics when they are kept,
/// and as one log line. Outside `ProblemMiddleware`, so it sees each failure as the status the
/// client got; the statements the request runs are measured too (`DatabaseMetrics.current`).
struct RequestReportingMiddleware: RouterMiddleware {
    typealias Context = RegistryRequestContext

    let metrics: RegistryMetrics?
    let log: RequestLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        let method = FinishedRequest.method(request.method)
        metrics?.requests.inFlight.increment()
        do {
            var response = try await DatabaseMetrics.$current.withValue(metrics?.database) {
                try await next(request, context)
            }
            let status = Int(response.status.code)
            response.body = response.body.then { report(context, method: method, status: status, since: started) }
            return response
        } catch {
            // Nothing inside lets an error past `ProblemMiddleware`; should one, it is a 500.
            context.observation.failed(because: ProblemMiddleware.loggable(error))
            report(context, method: method, status: 500, since: started)
            throw error
        }
    }

    private func report(_ context: Context, method: String, status: Int, since started: ContinuousClock.Instant) {
        let finished = FinishedRequest(
            id: context.id, route: FinishedRequest.route(context.endpointPath), method: method, status: status,
            duration: ContinuousClock.now - started, observed: context.observation.current)
        metrics?.requests.inFlight.decrement()
        metrics?.requests.record(finished)
        log.write(finished)
    }
}
