extension RegistryError {
    /// The error as lines a person at a terminal can act on.
    var explanation: String {
        switch self {
        case .invalid(let issues), .malformed(let issues): issues.map { "  \($0.field): \($0.message)" }.joined(separator: "\n")
        case .forbidden(let reason): reason
        case .notFound(let resource, let id): "No \(resource) \(id)."
        default: "\(self)"
        }
    }
}
