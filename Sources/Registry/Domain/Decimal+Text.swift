import Foundation

extension Decimal {
    /// The value as people in England read it, rounded half up: `12,345.60` for two places.
    func text(places: Int) -> String {
        var value = self, rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .plain)
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_GB")
        formatter.minimumFractionDigits = places
        formatter.maximumFractionDigits = places
        return formatter.string(from: rounded as NSDecimalNumber) ?? "\(rounded)"
    }
}
