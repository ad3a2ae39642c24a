import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import PostgresNIO
import RegistryAPI

/// A problem document ready to send.
struct ProblemDocument: Sendable {
    var status: Int
    var title: String
    var detail: String?
    var errors: [FieldIssue] = []
    var headers: HTTPFields = [:]

    /// The response to the request `requestID` for `instance`; the id is in the body too, for
    /// whoever reads only that.
    func response(instance: String, requestID: String) -> Response {
        let body = Components.Schemas.Problem(
            _type: "about:blank", title: title, status: status, detail: detail, instance: instance,
            requestId: requestID,
            errors: errors.isEmpty ? nil : errors.map { .init(field: $0.field, message: $0.message) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data("{}".utf8)
        var headers = headers
        headers[.contentType] = "application/problem+json"
        return Response(
            status: .init(code: status),
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
