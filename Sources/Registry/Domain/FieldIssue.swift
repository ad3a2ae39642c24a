/// One offending field, named by its JSON path (`measures[0].baseline`) or parameter name.
public struct FieldIssue: Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
