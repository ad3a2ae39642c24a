import Foundation

/// `application/x-www-form-urlencoded`, as HTML forms and OAuth token requests use it.
public enum FormEncoding {
    /// Unreserved characters pass; a space becomes `+`; everything else is percent-encoded.
    public static func encode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._* ")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "").replacingOccurrences(of: " ", with: "+")
    }

    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// Name and value pairs in order, `+` as space; a pair that does not decode is dropped.
    public static func decode(_ body: String) -> [(String, String)] {
        body.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func text(_ part: Substring) -> String? { part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = text(parts[0]), let value = parts.count > 1 ? text(parts[1]) : "" else { return nil }
            return (name, value)
        }
    }
}
