import Hummingbird

/// Answers 503 at once while `DatabaseMonitor` finds the database unreachable, and cancels a
/// request that is still waiting on the database when it becomes unreachable, so no caller
/// waits out the pool's own retries. Health probes answer for
/// themselves; static files do not need the database.
struct DatabaseOutageMiddleware<Context: RequestContext>: RouterMiddleware {
    let monitor: DatabaseMonitor

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let path = request.uri.path
        guard path.hasPrefix("/api/v1/"), path != "/api/v1/openapi.yaml", path != "/api/v1/health" else {
            return try await next(request, context)
        }
        guard monitor.isAvailable else { throw DatabaseUnavailable() }
        return try await withoutActuallyEscaping(next) { next in
            // The task group waits for both children, so `next` does not outlive this call.
            nonisolated(unsafe) let next = next
            return try await withThrowingTaskGroup(of: Response.self) { group in
                group.addTask {
                    try await DatabaseMonitor.$servingRequest.withValue(monitor) { try await next(request, context) }
                }
                group.addTask {
                    await monitor.waitForOutage()
                    try Task.checkCancellation()
                    throw DatabaseUnavailable()
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        }
    }
}
