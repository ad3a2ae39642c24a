import HTTPTypes
import NIOCore
import OpenAPIRuntime

/// Sends the JSON text a handler set (`EncodedJSONBody`) instead of the encoding of the value it
/// returned. Innermost, so the response cache and compression see the body actually sent.
struct EncodedJSONMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let encoded = EncodedJSONBody()
        var (response, answer) = try await EncodedJSONBody.$current.withValue(encoded) { try await next(request, body, metadata) }
        guard let text = encoded.text else { return (response, answer) }
        // The length given is the typed value's, which this body replaces.
        response.headerFields[.contentLength] = String(text.readableBytes)
        return (response, HTTPBody(text.readableBytesView))
    }
}
