import Foundation

extension Decimal {
    /// The value as people in England read it, rounded half up: `12,345.60` for two places.
    ///
    /// Written out by hand: a NumberFormatter (ICU underneath) cost a fifth of an authority's
    /// home page, which formats every resourcing figure of its answers.
    func text(places: Int) -> String {
        var value = self, rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .plain)
        // `description` is plain digits with a point, never an exponent.
        var digits = Substring(rounded.description)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0].isEmpty ? "0" : parts[0]
        var fraction = parts.count > 1 ? String(parts[1].prefix(places)) : ""
        fraction += String(repeating: "0", count: max(0, places - fraction.count))
        var grouped = ""
        grouped.reserveCapacity(whole.count + whole.count / 3 + places + 2)
        for (offset, digit) in whole.enumerated() {
            if offset > 0 && (whole.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let sign = negative && (whole.contains { $0 != "0" } || fraction.contains { $0 != "0" }) ? "-" : ""
        return sign + grouped + (places > 0 ? "." + fraction : "")
    }
}
