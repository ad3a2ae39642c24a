import Foundation

/// Dates as the pages write them: "1 September 2025".
enum DateText {
    static func long(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "en_GB"), timeZone: .gmt))
    }

    /// A moment as people in England read it: "3 December 2026 at 10:20".
    static func longWithTime(_ date: Date) -> String {
        date.formatted(
            Date.FormatStyle(
                date: .long, time: .shortened, locale: Locale(identifier: "en_GB"),
                timeZone: TimeZone(identifier: "Europe/London") ?? .gmt))
    }

    /// A calendar date, read at midday UTC so no time zone moves it to another day.
    static func long(_ date: CalendarDate) -> String {
        var components = DateComponents(year: date.year, month: date.month, day: date.day, hour: 12)
        components.timeZone = .gmt
        return long(Calendar(identifier: .gregorian).date(from: components) ?? Date())
    }
}
