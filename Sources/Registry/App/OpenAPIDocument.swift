import Foundation
import Hummingbird

/// Serves the contract the server was built from, so clients can generate their own code.
enum OpenAPIDocument {
    static func response(from file: URL) throws -> Response {
        let data = try Data(contentsOf: file)
        return Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
