/// A company's number at Companies House as the register writes it: eight digits, or two
/// capital letters (SC, NI, OC, ...) and six digits. People type "1234567" or "sc 123456";
/// both mean a number the register knows as "01234567" and "SC123456".
enum CompaniesHouseNumber {
    /// The number as the register writes it, or nil if it cannot be one.
    static func normalised(_ text: String) -> String? {
        let compact = text.uppercased().filter { $0 != " " }
        if !compact.isEmpty, compact.count <= 8, compact.allSatisfy(\.isASCIIDigit) {
            return String(repeating: "0", count: 8 - compact.count) + compact
        }
        let letters = compact.prefix(2), digits = compact.dropFirst(2)
        guard compact.count == 8, letters.allSatisfy({ $0.isASCII && $0.isLetter }), digits.allSatisfy(\.isASCIIDigit) else {
            return nil
        }
        return compact
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
