import Crypto
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Makes creates safe to retry: a create carrying an `Idempotency-Key` runs once per signed-in
/// caller and key; a retry with the same body gets the first response again, one with a
/// different body gets 422, and a retry that arrives while the first still runs waits for it.
///
/// The key is claimed and answered inside one transaction with the create itself, which every
/// store call of the handler joins (`AmbientTransaction`): there is no claimed-but-unanswered
/// key to clean up when a request fails or the process dies.
struct IdempotencyMiddleware: ServerMiddleware {
    static let header = HTTPField.Name("Idempotency-Key")!
    let store: RegistryStore
    private var keys: IdempotencyStore { store.idempotencyKeys }

    /// Creates and imports: the operations a retry would otherwise repeat.
    static func createsRecords(_ operationID: String) -> Bool {
        operationID.hasPrefix("create") || operationID.hasPrefix("import")
    }

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard request.method == .post, Self.createsRecords(operationID), let key = request.headerFields[Self.header],
            let user = Caller.ofThisRequest.userID
        else {
            return try await next(request, body, metadata)
        }
        guard (1...200).contains(key.count) else {
            throw RegistryError.malformed([.init(field: "Idempotency-Key", message: "must be 1 to 200 characters")])
        }
        var collected = Data()
        if let body { collected = try await Data(collecting: body, upTo: RequestLimits.bodyBytes) }
        let bytes = collected
        var fingerprint = SHA256()
        fingerprint.update(data: Data("\(request.method.rawValue) \(request.path ?? "")\n".utf8))
        fingerprint.update(data: bytes)
        let hash = fingerprint.finalize().hex

        let (response, text) = try await store.inOneTransaction {
            switch try await keys.claim(user: user, key: key, requestHash: hash) {
            case .replay(let stored):
                return Self.replay(stored)
            case .mismatch:
                throw RegistryError.invalid([
                    .init(field: "Idempotency-Key", message: "was already used with a different request")
                ])
            case .owned:
                let (response, body) = try await next(request, HTTPBody(bytes), metadata)
                var text = ""
                if let body { text = try await String(collecting: body, upTo: 16 * 1024 * 1024) }
                let stored = IdempotencyStore.StoredResponse(
                    status: response.status.code, body: text, entityTag: response.headerFields[.eTag])
                try await keys.complete(user: user, key: key, response: stored)
                return (response, text)
            }
        }
        return (response, HTTPBody(text))
    }

    private static func replay(_ stored: IdempotencyStore.StoredResponse) -> (HTTPResponse, String) {
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8", Self.header: "replayed"]
        if let tag = stored.entityTag { fields[.eTag] = tag }
        return (HTTPResponse(status: .init(code: stored.status), headerFields: fields), stored.body)
    }
}
