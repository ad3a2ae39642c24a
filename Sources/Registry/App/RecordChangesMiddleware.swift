import Hummingbird

/// Tells the dashboard publisher when a request may have changed records, so the public
/// dashboards follow the registry without anyone asking.
struct RecordChangesMiddleware<Context: RequestContext>: RouterMiddleware {
    let dashboards: DashboardPublisher

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let response = try await next(request, context)
        if request.method != .get, request.method != .head, (200..<300).contains(response.status.code),
            request.uri.path.hasPrefix("/api/v1/"), !request.uri.path.hasPrefix("/api/v1/admin/dashboards")
        {
            dashboards.recordsChanged()
        }
        return response
    }
}
