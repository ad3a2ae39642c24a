import CBrotli
import CompressNIO
import Foundation
import HTTPTypes
import NIOCore
import OpenAPIRuntime

/// The content codings the server answers in, and when it uses one.
///
/// Statistics and lists run to megabytes of JSON, and a council's network may be slow: gzip
/// makes them a tenth of the size, brotli smaller still. Small answers are sent as they are:
/// compressing a few hundred bytes costs more time than it saves.
enum ContentCoding: String, Sendable, CaseIterable {
    case br
    case gzip

    /// Bodies below this many bytes are sent as they are.
    static let threshold = 2_048

    /// The coding to answer a request in, from its `Accept-Encoding`: the one the client ranks
    /// highest, brotli on a tie; nil for none. `q=0` refuses a coding, and `*` stands for any
    /// not named.
    static func preferred(accepting header: String?) -> ContentCoding? {
        guard let header else { return nil }
        var named: [ContentCoding: Double] = [:]
        var wildcard: Double?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            switch parts.first {
            case "br": named[.br] = quality
            case "gzip", "x-gzip": named[.gzip] = quality
            case "*": wildcard = quality
            default: continue
            }
        }
        let ranked = allCases.map { ($0, named[$0] ?? wildcard ?? 0) }.filter { $0.1 > 0 }
        return ranked.max { $0.1 < $1.1 || ($0.1 == $1.1 && $1.0 == .br) }?.0
    }

    /// Whether a body of this type is worth compressing: text, JSON, YAML, CSV and SVG.
    static func compressible(contentType: String?) -> Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        else { return false }
        return type.hasPrefix("text/") || type.hasSuffix("json") || type.hasSuffix("yaml") || type == "image/svg+xml"
            || type == "application/javascript"
    }

    /// `body` in this coding; nil when it is too small to be worth it.
    func compressed(_ body: ByteBuffer) throws -> ByteBuffer? {
        guard body.readableBytes >= Self.threshold else { return nil }
        switch self {
        case .gzip:
            var body = body
            return try body.compress(with: .gzip())
        case .br:
            return try Self.brotli(body)
        }
    }

    /// A whole answer in this coding, when it is a 200 of a type worth compressing and large
    /// enough; otherwise as it was.
    func compressed(_ response: HTTPResponse, _ body: HTTPBody?) async throws -> (HTTPResponse, HTTPBody?) {
        guard let body, response.status == .ok, Self.compressible(contentType: response.headerFields[.contentType])
        else { return (response, body) }
        let bytes = ByteBuffer(bytes: try await [UInt8](collecting: body, upTo: .max))
        guard let compressed = try compressed(bytes) else { return (response, HTTPBody(bytes.readableBytesView)) }
        var response = response
        mark(&response.headerFields)
        return (response, HTTPBody(compressed.readableBytesView))
    }

    /// Brotli at quality 5: within a few per cent of the best size for JSON, at gzip's speed.
    private static func brotli(_ body: ByteBuffer) throws -> ByteBuffer {
        var size = BrotliEncoderMaxCompressedSize(body.readableBytes)
        var output = [UInt8](repeating: 0, count: size)
        let done = body.withUnsafeReadableBytes { bytes in
            BrotliEncoderCompress(
                5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, bytes.count, bytes.bindMemory(to: UInt8.self).baseAddress,
                &size, &output)
        }
        guard done == BROTLI_TRUE else { throw CompressionFailed() }
        return ByteBuffer(bytes: output.prefix(size))
    }

    /// The headers of an answer now sent in this coding. A strong entity tag names one
    /// representation, so the compressed one carries the weak form, which `If-Match` accepts.
    func mark(_ headers: inout HTTPFields) {
        headers[.contentEncoding] = rawValue
        headers[.contentLength] = nil
        headers.appendVary(.acceptEncoding)
        if let tag = headers[.eTag], !tag.hasPrefix("W/") { headers[.eTag] = "W/" + tag }
    }
}

/// The compressor refused its input: never expected, answered as any server fault is.
struct CompressionFailed: Error {}
