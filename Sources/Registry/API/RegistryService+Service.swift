import Hummingbird
import RegistryAPI

extension RegistryService {
    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        if await store.ping() {
            return .ok(.init(body: .json(.init(status: .ok, database: .ok))))
        }
        return .serviceUnavailable(.init(body: .json(.init(status: .unavailable, database: .unavailable))))
    }

    /// The same answer for the root `/health` probe, outside the OpenAPI prefix.
    func healthResponse() async throws -> Response {
        let healthy = await store.ping()
        let body = healthy ? #"{"database":"ok","status":"ok"}"# : #"{"database":"unavailable","status":"unavailable"}"#
        return Response(
            status: healthy ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
