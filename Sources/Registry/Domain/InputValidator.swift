/// Collects every problem with one request body so the caller can fix them all at once.
///
/// The OpenAPI generator checks types, required fields and enum values but not lengths,
/// ranges or patterns; those rules live here. Each check names the field by its JSON path.
public struct InputValidator: Sendable {
    public private(set) var issues: [FieldIssue] = []

    public init() {}

    public mutating func fail(_ field: String, _ message: String) {
        issues.append(FieldIssue(field: field, message: message))
    }

    /// Free text: trimmed emptiness counts as missing when required; length is in characters.
    public mutating func text(_ value: String?, _ field: String, max: Int, required: Bool = false) {
        guard let value else { return }
        if required && value.allSatisfy(\.isWhitespace) {
            fail(field, "must not be empty")
        } else if value.count > max {
            fail(field, "must be at most \(max) characters")
        }
    }

    /// A link people will follow from a dashboard: only http(s), so no `javascript:` ever renders.
    public mutating func link(_ value: String?, _ field: String) {
        guard let value else { return }
        text(value, field, max: 500)
        let lower = value.lowercased()
        if !(lower.hasPrefix("https://") || lower.hasPrefix("http://")) || value.contains(where: \.isWhitespace) {
            fail(field, "must be an http or https address")
        }
    }

    /// Pounds as a decimal string: digits, optionally a point and one or two more digits.
    public mutating func money(_ value: String?, _ field: String) {
        guard let value else { return }
        if value.hasPrefix("-") {
            fail(field, "must not be negative")
            return
        }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        let digitsOnly: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        let valid =
            parts.count <= 2 && digitsOnly(parts[0]) && parts[0].count <= 12
            && (parts.count == 1 || (digitsOnly(parts[1]) && parts[1].count <= 2))
        if !valid { fail(field, "must be pounds with at most two decimal places, such as \"12500.00\"") }
    }

    public mutating func number(_ value: Double?, _ field: String, min: Double, max: Double) {
        guard let value else { return }
        if !value.isFinite {
            fail(field, "must be a number")
        } else if value < min {
            fail(field, min == 0 ? "must not be negative" : "must be at least \(min)")
        } else if value > max {
            fail(field, "must be at most \(max)")
        }
    }

    @discardableResult
    public mutating func date(_ value: String?, _ field: String) -> CalendarDate? {
        guard let value else { return nil }
        guard let date = CalendarDate(value) else {
            fail(field, "must be a real date written YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// Both ends are checked as dates; the end may not come before the start.
    public mutating func period(start: String?, _ startField: String, end: String?, _ endField: String) {
        let from = date(start, startField)
        let to = date(end, endField)
        if let from, let to, to < from { fail(endField, "must not be before \(startField)") }
    }

    public mutating func count<T>(_ values: [T]?, _ field: String, max: Int) {
        if let values, values.count > max { fail(field, "must have at most \(max) entries") }
    }

    public mutating func distinct<T: Hashable>(_ values: [T]?, _ field: String) {
        guard let values else { return }
        if Set(values).count != values.count { fail(field, "must not repeat an entry") }
    }

    /// Throws every collected issue as one 422.
    public func check() throws {
        if !issues.isEmpty { throw RegistryError.invalid(issues) }
    }
}

extension InputValidator {
    /// Like `check`, for a nested object: each field is named under its parent (`initial_phase.phase`).
    public func checkNested(under parent: String) throws {
        if !issues.isEmpty {
            throw RegistryError.invalid(issues.map { FieldIssue(field: "\(parent).\($0.field)", message: $0.message) })
        }
    }
}
