import Foundation
import OpenAPIRuntime
import Synchronization

/// Writes the API's timestamps (`2026-11-23T09:30:00Z`, whole seconds, UTC) with integer
/// arithmetic, since the runtime's default goes through one locked `ISO8601DateFormatter` and
/// ICU for every timestamp of every page. Reading takes every RFC 3339 form a client may send.
struct UTCTimestampTranscoder: DateTranscoder {
    private let reader = ISO8601DateTranscoder()

    func encode(_ date: Date) throws -> String {
        // To the nearest millisecond first, then down to the second, as ICU (and so the
        // previous output) does.
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let seconds = Int64((milliseconds / 1000).rounded(.down))
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        var text = Array(CalendarDate(daysSince1970: days).description.utf8)
        text.reserveCapacity(20)
        text.append(UInt8(ascii: "T"))
        Self.append(secondOfDay / 3600, width: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        Self.append(secondOfDay / 60 % 60, width: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        Self.append(secondOfDay % 60, width: 2, to: &text)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// Every RFC 3339 form: with or without fractional seconds, `Z` or an offset.
    func decode(_ text: String) throws -> Date {
        if let date = try? reader.decode(text) { return date }
        guard let date = Self.fractional.withLock({ $0.date(from: text) }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not an RFC 3339 date-time"))
        }
        return date
    }

    private static let fractional = Mutex<ISO8601DateFormatter>({
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }())

    private static func append(_ value: Int64, width: Int, to text: inout [UInt8]) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var rest = value
        for index in stride(from: width - 1, through: 0, by: -1) {
            digits[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        text.append(contentsOf: digits)
    }
}
