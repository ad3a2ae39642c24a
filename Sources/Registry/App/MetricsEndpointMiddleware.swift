import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Answers `GET /metrics` in Prometheus' text format to a scraper presenting the configured
/// token (`METRICS_TOKEN`), before anything else looks at the request: to anyone else the
/// address does not exist, so the public learn nothing of it. Each scrape reads the throttle's
/// state and the migrations first, as those are states rather than events.
struct MetricsEndpointMiddleware: RouterMiddleware {
    typealias Context = RegistryRequestContext

    let token: String
    let metrics: RegistryMetrics
    let refresh: @Sendable () async -> Void

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard request.uri.path == "/metrics", request.method == .get || request.method == .head,
            let header = request.headers[.authorization], Self.matches(header, token: token)
        else { return try await next(request, context) }
        context.coreContext.endpointPath.value = "/metrics"
        await refresh()
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }

    /// Compares digests, so the time taken says nothing of how much of the token was right.
    static func matches(_ header: String, token: String) -> Bool {
        SHA256.hash(data: Data(header.utf8)) == SHA256.hash(data: Data("Bearer \(token)".utf8))
    }
}
