import Hummingbird

/// Serves the dashboards' overview at `/dashboards/`, the address people are given, and sends
/// `/dashboards` there. The router takes both for one path, and the file middleware mounted at
/// `/dashboards` answers its own root with a redirect to itself, so both are settled here.
struct DashboardsIndexMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        if request.uri.path == "/dashboards" {
            return Response(status: .movedPermanently, headers: [.location: "/dashboards/"])
        }
        guard request.uri.path == "/dashboards/" else { return try await next(request, context) }
        var head = request.head
        head.path = "/dashboards/index.html" + (request.uri.query.map { "?" + $0 } ?? "")
        return try await next(Request(head: head, body: request.body), context)
    }
}
