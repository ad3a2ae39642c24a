import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// What load balancers and orchestrators probe at the root: `/health` (alive, and the database
/// answers) and `/ready` (send traffic: migrations current too), answering exactly as
/// /api/v1/health and /api/v1/readiness do.
struct ProbeRoutes: Sendable {
    let store: RegistryStore
    let readiness: Readiness

    func register(on router: Router<RegistryRequestContext>) {
        router.get("/health") { _, context in
            guard await store.ping(within: RegistryService.healthDeadline) else {
                return ProblemMapping.unavailable.response(instance: "/health", requestID: context.id)
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"database":"ok","status":"ok"}"#)))
        }
        router.get("/ready") { _, _ in
            let report = await readiness.check()
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let body = try encoder.encode(RegistryService.readiness(report, now: Date()))
            var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
            if !report.isReady { headers[.retryAfter] = String(DatabaseUnavailable.retryAfterSeconds) }
            return Response(
                status: report.isReady ? .ok : .serviceUnavailable, headers: headers,
                body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }
}
