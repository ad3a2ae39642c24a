import RegistryAPI

extension RegistryService {
    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        if await store.ping(within: Self.healthDeadline) {
            return .ok(.init(body: .json(.init(status: .ok, database: .ok))))
        }
        return .serviceUnavailable(
            .init(
                headers: .init(retryAfter: DatabaseUnavailable.retryAfterSeconds),
                body: .applicationProblemJson(
                    .init(_type: "about:blank", title: "Service Unavailable", status: 503,
                          detail: DatabaseUnavailable.detail, instance: "/api/v1/health"))))
    }

    /// A load balancer's probe gives up after a second or two: it is answered before that.
    static let healthDeadline = Duration.milliseconds(700)
}
