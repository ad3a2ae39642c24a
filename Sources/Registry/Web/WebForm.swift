import Foundation
import Hummingbird

/// A submitted HTML form's fields, by name (the last value wins, as browsers send one each).
struct WebForm: Sendable {
    static let largestBody = 1024 * 1024
    let fields: [String: String]
    /// Every value in order, for fields sent more than once (checkboxes).
    let pairs: [(String, String)]

    static func read(_ request: Request) async throws -> WebForm {
        var request = request
        let body = try await request.collectBody(upTo: largestBody)
        let pairs = FormEncoding.decode(String(decoding: body.readableBytesView, as: UTF8.self))
        return WebForm(fields: Dictionary(pairs, uniquingKeysWith: { _, last in last }), pairs: pairs)
    }

    /// A form sent with GET: its fields are the address's query, `+` as a space as browsers send it.
    static func query(_ request: Request) -> WebForm {
        let pairs = FormEncoding.decode(request.uri.query ?? "")
        return WebForm(fields: Dictionary(pairs, uniquingKeysWith: { _, last in last }), pairs: pairs)
    }

    /// Every value sent for `name`.
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// The field's text with surrounding spaces removed; nil when empty.
    subscript(_ name: String) -> String? {
        fields[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
