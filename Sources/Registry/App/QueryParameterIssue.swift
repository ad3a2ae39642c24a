import Foundation

/// Names the query parameter behind a decoding failure.
///
/// The generated code reports a bad query value with an empty coding path, so the parameter
/// is found from the value it could not read: the enum value it quotes, or the one value of
/// the failing type that does not parse.
enum QueryParameterIssue {
    static func locate(_ error: DecodingError, in path: String) -> FieldIssue? {
        guard let query = URLComponents(string: path)?.queryItems, !query.isEmpty else { return nil }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            let description = context.debugDescription
            if let range = description.range(of: "invalid String value ") {
                let value = String(description[range.upperBound...])
                if let item = query.first(where: { $0.value == value }) {
                    return FieldIssue(field: item.name, message: "is not one of the allowed values")
                }
            }
            if description.contains("ISO8601"),
                let item = query.first(where: { item in item.value.map { !isTimestamp($0) } ?? false && item.name.hasSuffix("_since") })
            {
                return FieldIssue(field: item.name, message: "must be an RFC 3339 date-time such as 2025-04-01T00:00:00Z")
            }
        case .typeMismatch(let type, let context) where context.codingPath.isEmpty && (type == Int.self || type == Double.self):
            if let item = query.first(where: { item in item.value.map { Int($0) == nil } ?? false && item.name == "limit" }) {
                return FieldIssue(field: item.name, message: "must be a whole number")
            }
        default:
            break
        }
        return nil
    }

    private static func isTimestamp(_ text: String) -> Bool {
        ISO8601DateFormatter().date(from: text) != nil
    }
}
