import Foundation

/// Fields a JSON body carries that its type does not define (or sets to null, which no field of
/// the contract allows), found by comparing the body with
/// the value the generated type decoded from it: each stored property, nil or not, is a field
/// the type reads (`amountGbp` reads `amount_gbp`). What is left over would be silently
/// dropped, so it is named instead, with the nearest field the type does read.
enum UnknownFields {
    static func find(in json: Any, decoded: Any, path: String = "") -> [FieldIssue] {
        let value = unwrapped(decoded)
        switch json {
        case let object as [String: Any]:
            let children = Mirror(reflecting: value).children
            guard !children.isEmpty else { return [] }
            var known: [String: Any] = [:]
            for child in children {
                if let label = child.label { known[snakeCase(label)] = child.value }
            }
            return object.keys.sorted().flatMap { key -> [FieldIssue] in
                let field = path.isEmpty ? key : "\(path).\(key)"
                guard let child = known[key] else {
                    return [FieldIssue(field: field, message: message(for: key, known: Array(known.keys)))]
                }
                // No field of the contract is nullable: an empty value is left out.
                if object[key] is NSNull {
                    return [FieldIssue(field: field, message: "must not be null; leave it out for no value")]
                }
                return find(in: object[key]!, decoded: child, path: field)
            }
        case let array as [Any]:
            guard let values = unwrapped(value) as? [Any] else { return [] }
            return zip(array, values).enumerated().flatMap { index, pair in
                find(in: pair.0, decoded: pair.1, path: "\(path)[\(index)]")
            }
        default:
            return []
        }
    }

    private static func unwrapped(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map { unwrapped($0.value) } ?? value
    }

    /// The contract's spelling of a generated property: `dataModelUrl` → `data_model_url`.
    static func snakeCase(_ label: String) -> String {
        var text = ""
        for character in label {
            if character.isUppercase {
                text += "_" + character.lowercased()
            } else {
                text.append(character)
            }
        }
        return text
    }

    private static func message(for key: String, known: [String]) -> String {
        let text = "is not a field of this request"
        guard let nearest = nearest(to: key, among: known) else { return text }
        return "\(text); did you mean \(nearest)?"
    }

    /// A known field that starts with the unknown one (or the other way round), or is within a
    /// few typing slips of it.
    static func nearest(to key: String, among known: [String]) -> String? {
        if let extended = known.filter({ $0.hasPrefix(key) || key.hasPrefix($0) }).min(by: { $0.count < $1.count }) {
            return extended
        }
        let scored = known.map { ($0, distance(key, $0)) }.filter { $0.1 <= max(2, key.count / 3) }
        return scored.min { $0.1 < $1.1 }?.0
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
