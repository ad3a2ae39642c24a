import Hummingbird
import RegistryAPI

extension RegistryService {
    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        if await store.ping(within: Self.healthDeadline) {
            return .ok(.init(body: .json(.init(status: .ok, database: .ok))))
        }
        let problem = ProblemMapping.unavailable
        return .serviceUnavailable(
            .init(
                headers: .init(retryAfter: 5),
                body: .applicationProblemJson(
                    .init(_type: "about:blank", title: problem.title, status: problem.status, detail: problem.detail,
                          instance: "/api/v1/health"))))
    }

    /// A load balancer's probe gives up after a second or two: it is answered before that.
    static let healthDeadline = Duration.milliseconds(700)

    /// The same answer for the root `/health` probe, outside the OpenAPI prefix.
    func healthResponse() async throws -> Response {
        guard await store.ping(within: Self.healthDeadline) else {
            return ProblemMapping.unavailable.response(instance: "/health")
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: #"{"database":"ok","status":"ok"}"#)))
    }
}
