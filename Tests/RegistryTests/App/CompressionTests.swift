import CBrotli
import CompressNIO
import Foundation
import HTTPTypes
import NIOCore
import Testing

@testable import Registry

/// Large answers travel gzip-compressed to clients that accept it, cached or worked out afresh,
/// and decompress to exactly what an uncompressed reader gets.
@Suite struct CompressionTests {
    static let statistics = "/api/v1/stats/adoption?geographic_level=local_authority"

    @Test func largeAnswersAreCompressedForClientsThatAcceptIt() async throws {
        try await TestRegistry.run { registry in
            _ = try await registry.makePilot()
            let plain = try await registry.get(Self.statistics)
            try #require(plain.bytes.count >= ContentCoding.threshold)
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary] == "Accept-Encoding")

            let before = registry.cache.counts
            let gzip: HTTPFields = [.acceptEncoding: "br;q=0.5, gzip;q=0.8, *;q=0.1"]
            let first = try await registry.send(.get, Self.statistics, headers: gzip)
            // The gzip form was missing; it was compressed from the kept answer, not worked out again.
            #expect(registry.cache.counts == .init(hits: before.hits + 1, misses: before.misses + 1))
            let second = try await registry.send(.get, Self.statistics, headers: gzip)
            #expect(registry.cache.counts.hits == before.hits + 2)  // the second, sent as kept
            for reply in [first, second] {
                #expect(reply.status == 200)
                #expect(reply.headers[.contentEncoding] == "gzip")
                #expect(reply.headers[.vary] == "Accept-Encoding")
                #expect(try Self.sameJSON(Self.inflated(reply.bytes), plain.bytes))
                #expect(reply.bytes.count * 4 < plain.bytes.count)
            }

            // Worked out afresh, past the cache, it is compressed all the same.
            var afresh = gzip
            afresh[.cacheControl] = "no-cache"
            let fresh = try await registry.send(.get, Self.statistics, headers: afresh)
            #expect(fresh.headers[.contentEncoding] == "gzip")
            #expect(try Self.sameJSON(Self.inflated(fresh.bytes), plain.bytes))

            // Brotli for the clients that rank it first (browsers over HTTPS), kept apart from gzip.
            let brotli = try await registry.send(.get, Self.statistics, headers: [.acceptEncoding: "gzip, deflate, br"])
            #expect(brotli.headers[.contentEncoding] == "br")
            #expect(try Self.sameJSON(Self.unbrotli(brotli.bytes, upTo: plain.bytes.count), plain.bytes))
            #expect(brotli.bytes.count < first.bytes.count)
        }
    }

    @Test func filesAreCompressedAndSmallOrRefusedAnswersAreNot() async throws {
        try await TestRegistry.run { registry in
            let contract = try await registry.send(.get, "/api/v1/openapi.yaml", headers: [.acceptEncoding: "gzip"], as: .anonymous)
            #expect(contract.headers[.contentEncoding] == "gzip")
            #expect(String(decoding: try Self.inflated(contract.bytes), as: UTF8.self).hasPrefix("openapi:"))

            let health = try await registry.send(.get, "/api/v1/health", headers: [.acceptEncoding: "gzip"])
            #expect(health.status == 200)
            #expect(health.headers[.contentEncoding] == nil)
            #expect(health.headers[.vary] == "Accept-Encoding")  // what a shared cache must know all the same

            let refused = try await registry.send(.get, Self.statistics, headers: [.acceptEncoding: "gzip;q=0, identity"])
            #expect(refused.headers[.contentEncoding] == nil)
            #expect(try JSONSerialization.jsonObject(with: refused.bytes) is [String: Any])
        }
    }

    @Test func acceptEncodingIsReadAsTheStandardSays() {
        #expect(ContentCoding.preferred(accepting: nil) == nil)
        #expect(ContentCoding.preferred(accepting: "") == nil)
        #expect(ContentCoding.preferred(accepting: "gzip, deflate") == .gzip)
        #expect(ContentCoding.preferred(accepting: "gzip, deflate, br") == .br)
        #expect(ContentCoding.preferred(accepting: "br;q=0.5, gzip") == .gzip)
        #expect(ContentCoding.preferred(accepting: "br;q=0, *") == .gzip)
        #expect(ContentCoding.preferred(accepting: "GZIP;q=0.5") == .gzip)
        #expect(ContentCoding.preferred(accepting: "x-gzip") == .gzip)
        #expect(ContentCoding.preferred(accepting: "gzip;q=0") == nil)
        #expect(ContentCoding.preferred(accepting: "gzip; q=0.0, *") == .br)
        #expect(ContentCoding.preferred(accepting: "gzip; q=0.0, br;q=0") == nil)
        #expect(ContentCoding.preferred(accepting: "*") == .br)
        #expect(ContentCoding.preferred(accepting: "*;q=0") == nil)
        #expect(ContentCoding.preferred(accepting: "deflate, identity") == nil)
    }

    @Test func aCompressedRecordCarriesTheWeakTagThatIfMatchTakes() throws {
        var headers: HTTPFields = [.eTag: "\"3\"", .contentLength: "4000", .vary: "Accept"]
        ContentCoding.gzip.mark(&headers)
        #expect(headers[.eTag] == "W/\"3\"")
        #expect(headers[.contentLength] == nil)
        #expect(headers[values: .vary] == ["Accept", "Accept-Encoding"])
        #expect(try EntityTag.expectedVersion(ifMatch: headers[.eTag]) == 3)
    }

    /// The same document: JSON objects' members come in no fixed order.
    static func sameJSON(_ one: Data, _ other: Data) throws -> Bool {
        NSDictionary(dictionary: try #require(JSONSerialization.jsonObject(with: one) as? [String: Any]))
            == NSDictionary(dictionary: try #require(JSONSerialization.jsonObject(with: other) as? [String: Any]))
    }

    static func unbrotli(_ bytes: Data, upTo limit: Int) throws -> Data {
        var size = limit
        var output = [UInt8](repeating: 0, count: size)
        let result = [UInt8](bytes).withUnsafeBufferPointer { input in
            BrotliDecoderDecompress(input.count, input.baseAddress, &size, &output)
        }
        try #require(result == BROTLI_DECODER_RESULT_SUCCESS)
        return Data(output.prefix(size))
    }

    static func inflated(_ bytes: Data) throws -> Data {
        var buffer = ByteBuffer(bytes: bytes)
        return Data(buffer: try buffer.decompress(with: .gzip()))
    }
}
