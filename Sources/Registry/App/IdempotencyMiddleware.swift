import Crypto
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Makes creates safe to retry: a create carrying an `Idempotency-Key` runs once per signed-in
/// caller and key; a retry with the same body gets the first response again, one with a
/// different body gets 422, and a retry that arrives while the first still runs waits for it.
struct IdempotencyMiddleware: ServerMiddleware {
    static let header = HTTPField.Name("Idempotency-Key")!
    let keys: IdempotencyStore
    /// How long a retry waits for the first request before giving up with 409.
    var patience: Duration = .seconds(10)

    /// Creates and imports: the operations a retry would otherwise repeat.
    static func createsRecords(_ operationID: String) -> Bool {
        operationID.hasPrefix("create") || operationID.hasPrefix("import")
    }

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard request.method == .post, Self.createsRecords(operationID), let key = request.headerFields[Self.header],
            let user = Caller.current.userID
        else {
            return try await next(request, body, metadata)
        }
        guard (1...200).contains(key.count) else {
            throw RegistryError.malformed([.init(field: "Idempotency-Key", message: "must be 1 to 200 characters")])
        }
        var bytes = Data()
        if let body { bytes = try await Data(collecting: body, upTo: RequestGuardMiddleware<RegistryRequestContext>.defaultLimit) }
        var fingerprint = SHA256()
        fingerprint.update(data: Data("\(request.method.rawValue) \(request.path ?? "")\n".utf8))
        fingerprint.update(data: bytes)
        let hash = fingerprint.finalize().map { String(format: "%02x", $0) }.joined()

        let deadline = ContinuousClock.now.advanced(by: patience)
        while true {
            switch try await keys.claim(user: user, key: key, requestHash: hash) {
            case .owned:
                return try await runFirst(request, bytes, metadata, user: user, key: key, next: next)
            case .replay(let stored):
                return Self.response(stored)
            case .mismatch:
                throw RegistryError.invalid([
                    .init(field: "Idempotency-Key", message: "was already used with a different request")
                ])
            case .inProgress:
                if ContinuousClock.now >= deadline {
                    throw RegistryError.conflict("A request with this Idempotency-Key is still being processed.")
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    private func runFirst(
        _ request: HTTPRequest, _ bytes: Data, _ metadata: ServerRequestMetadata, user: UUID, key: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        do {
            let (response, body) = try await next(request, HTTPBody(bytes), metadata)
            var text = ""
            if let body { text = try await String(collecting: body, upTo: 16 * 1024 * 1024) }
            let stored = IdempotencyStore.StoredResponse(
                status: response.status.code, body: text, entityTag: response.headerFields[.eTag])
            try await keys.complete(user: user, key: key, response: stored)
            return (response, HTTPBody(text))
        } catch {
            try? await keys.release(user: user, key: key)
            throw error
        }
    }

    private static func response(_ stored: IdempotencyStore.StoredResponse) -> (HTTPResponse, HTTPBody?) {
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8", Self.header: "replayed"]
        if let tag = stored.entityTag { fields[.eTag] = tag }
        return (HTTPResponse(status: .init(code: stored.status), headerFields: fields), HTTPBody(stored.body))
    }
}
