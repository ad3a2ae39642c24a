import HTTPTypes
import Hummingbird
import Logging

/// Gives every request its id and every response its `X-Request-Id`, so a support desk can find
/// the log line a person's complaint is about. Behind a proxy that already names requests
/// (`REQUEST_ID_HEADER`), its id is kept, but only from a proxy the server trusts and only in a
/// form that cannot forge a log line.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = RegistryRequestContext

    /// The header a trusted proxy names requests in, if any.
    let proxyHeader: HTTPField.Name?
    let trustedProxies: [AddressRange]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        if let given = proxyID(request, peer: context.remoteAddress?.ipAddress) {
            // `context.id` reads this key, so every log line of the request carries the proxy's id.
            context.logger[metadataKey: "hb.request.id"] = .string(given)
        }
        var response = try await next(request, context)
        response.headers[.xRequestID] = context.id
        return response
    }

    private func proxyID(_ request: Request, peer: String?) -> String? {
        guard let proxyHeader, let peer, trustedProxies.contains(where: { $0.contains(peer) }),
            let given = request.headers[proxyHeader], Self.isWellFormed(given)
        else { return nil }
        return given
    }

    /// Up to 128 letters, digits, and `-`, `_`, `.` or `:`, as proxies' ids (UUIDs, hex) are.
    static func isWellFormed(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
            }
    }
}

extension HTTPField.Name {
    static let xRequestID = Self("X-Request-Id")!
}
