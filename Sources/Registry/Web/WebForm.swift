import Foundation
import Hummingbird
import MultipartKit

/// A submitted HTML form's fields, by name (the last value wins, as browsers send one each).
struct WebForm: Sendable {
    static let largestBody = 1024 * 1024
    let fields: [String: String]
    /// Every value in order, for fields sent more than once (checkboxes).
    let pairs: [(String, String)]
    /// Files from the form's file inputs, by name (forms sent as `multipart/form-data`).
    var files: [String: UploadedFile] = [:]

    init(fields: [String: String], pairs: [(String, String)], files: [String: UploadedFile] = [:]) {
        (self.fields, self.pairs, self.files) = (fields, pairs, files)
    }

    init(pairs: [(String, String)], files: [String: UploadedFile] = [:]) {
        self.init(fields: Dictionary(pairs, uniquingKeysWith: { _, last in last }), pairs: pairs, files: files)
    }

    /// The form in the request's body, URL-encoded or, from a form with a file input, multipart.
    /// The body stays readable for whoever reads the request next.
    static func read(_ request: inout Request) async throws -> WebForm {
        let body = try await request.collectBody(upTo: largestBody)
        guard let boundary = multipartBoundary(request.headers[.contentType]) else {
            return WebForm(pairs: FormEncoding.decode(String(decoding: body.readableBytesView, as: UTF8.self)))
        }
        return try multipart(body, boundary: boundary)
    }

    static func read(_ request: Request) async throws -> WebForm {
        var request = request
        return try await read(&request)
    }

    /// The `boundary` parameter of a `multipart/form-data` content type.
    private static func multipartBoundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        let parameter = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.lowercased().hasPrefix("boundary=") }
        return parameter.map { String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    }

    private static func multipart(_ body: ByteBuffer, boundary: String) throws -> WebForm {
        var parts: [MultipartPart] = []
        var headers = HTTPHeaders(), content = ByteBuffer()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { headers.replaceOrAdd(name: $0, value: $1) }
        parser.onBody = { content.writeBuffer(&$0) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: content))
            (headers, content) = (HTTPHeaders(), ByteBuffer())
        }
        do {
            try parser.execute(body)
        } catch {
            throw RegistryError.malformed([.init(field: "form", message: "could not be read as multipart/form-data")])
        }
        var pairs: [(String, String)] = []
        var files: [String: UploadedFile] = [:]
        for part in parts {
            guard let name = part.name else { continue }
            let text = String(buffer: part.body)
            if let filename = filename(part.headers.first(name: "Content-Disposition") ?? "") {
                files[name] = UploadedFile(filename: filename, bytes: Data(part.body.readableBytesView))
            } else {
                pairs.append((name, text))
            }
        }
        return WebForm(pairs: pairs, files: files)
    }

    /// The `filename` parameter of a part's `Content-Disposition`; nil for a part that is no file.
    private static func filename(_ disposition: String) -> String? {
        guard let range = disposition.range(of: #"filename="((?:[^"\\]|\\.)*)""#, options: .regularExpression) else { return nil }
        return String(disposition[range].dropFirst("filename=\"".count).dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
    }

    /// A form sent with GET: its fields are the address's query, `+` as a space as browsers send it.
    static func query(_ request: Request) -> WebForm {
        WebForm(pairs: FormEncoding.decode(request.uri.query ?? ""))
    }

    /// Every value sent for `name`.
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// The field's text with surrounding spaces removed; nil when empty.
    subscript(_ name: String) -> String? {
        fields[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
