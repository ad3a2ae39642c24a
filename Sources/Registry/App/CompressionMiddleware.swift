import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// Compresses answers of a few kilobytes or more for clients that accept gzip: pages,
/// dashboards and API answers worked out afresh. Answers the response cache keeps arrive
/// compressed already (`ResponseCache`), so a repeated read is not compressed again.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        guard request.method == .get, response.status == .ok, response.headers[.contentEncoding] == nil,
            response.headers[.contentRange] == nil, ContentCoding.compressible(contentType: response.headers[.contentType])
        else { return response }
        response.headers.appendVary(.acceptEncoding)
        guard let coding = ContentCoding.preferred(accepting: request.headers[.acceptEncoding]),
            (response.body.contentLength ?? .max) >= ContentCoding.threshold
        else { return response }
        let body = try await response.body.collected()
        guard let compressed = try coding.compressed(body) else {
            response.body = ResponseBody(byteBuffer: body)
            return response
        }
        response.body = ResponseBody(byteBuffer: compressed)
        coding.mark(&response.headers)
        return response
    }
}

extension ResponseBody {
    /// The whole body in one buffer.
    consuming func collected() async throws -> ByteBuffer {
        let collector = BodyCollector()
        try await write(collector)
        return collector.buffer.withLockedValue { $0 }
    }
}

/// A body writer that keeps what is written.
private struct BodyCollector: ResponseBodyWriter {
    let buffer = NIOLockedValueBox(ByteBuffer())

    func write(_ part: ByteBuffer) async throws {
        var part = part
        buffer.withLockedValue { $0.writeBuffer(&part) }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
