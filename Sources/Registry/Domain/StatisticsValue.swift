/// An indicator's value: an exact decimal, or the EES symbol for why there is none.
enum StatisticsValue: Sendable, Equatable, CustomStringConvertible {
    case number(String)
    /// `c`: withheld under the small-number rule.
    case suppressed
    /// `z`: nothing to measure (a median of no values, a share of nothing).
    case notApplicable
    /// `x`: not available (an authority that has recorded nothing in the registry).
    case notAvailable

    var description: String {
        switch self {
        case .number(let text): text
        case .suppressed: "c"
        case .notApplicable: "z"
        case .notAvailable: "x"
        }
    }

    /// The number, for ordering siblings; symbols count as nothing.
    var magnitude: Double { if case .number(let text) = self { Double(text) ?? 0 } else { 0 } }
}
