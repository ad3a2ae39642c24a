import Foundation
import Testing

@testable import Registry

@Suite struct DecimalTextTests {
    /// What en_GB's NumberFormatter writes, which the pages and answers always showed.
    func formatted(_ value: Decimal, places: Int) -> String {
        var value = value, rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .plain)
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_GB")
        formatter.minimumFractionDigits = places
        formatter.maximumFractionDigits = places
        return formatter.string(from: rounded as NSDecimalNumber)!
    }

    @Test(arguments: [
        ("0", 0, "0"), ("0", 2, "0.00"), ("12345.6", 2, "12,345.60"), ("999.995", 2, "1,000.00"),
        ("1234567.891", 1, "1,234,567.9"), ("-1500", 0, "-1,500"), ("-0.004", 2, "0.00"), ("0.5", 0, "1"),
        ("100", 0, "100"), ("123456789012.5", 0, "123,456,789,013"), ("0.25", 1, "0.3"),
    ])
    func writesGroupsAndRoundsHalfUp(value: String, places: Int, expected: String) {
        #expect(Decimal(string: value)!.text(places: places) == expected)
    }

    @Test func agreesWithTheNumberFormatterAcrossMagnitudes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let cents = Int64.random(in: -10_000_000_000...10_000_000_000, using: &generator)
            let value = Decimal(cents) / 1000
            for places in 0...2 {
                #expect(value.text(places: places) == formatted(value, places: places), "\(value) to \(places)")
            }
        }
    }
}
