import Foundation

/// The GOV.UK date input: day, month and year in three fields, read as one date, with the
/// pattern's own error messages for what is missing or impossible.
struct DateInput: Sendable {
    var day: String
    var month: String
    var year: String

    init(day: String, month: String, year: String) {
        self.day = day
        self.month = month
        self.year = year
    }

    /// The three fields named `<name>-day`, `<name>-month` and `<name>-year`.
    init(_ form: [String: String], name: String) {
        func field(_ part: String) -> String { (form["\(name)-\(part)"] ?? "").trimmingCharacters(in: .whitespaces) }
        self.init(day: field("day"), month: field("month"), year: field("year"))
    }

    init(_ date: CalendarDate) {
        self.init(day: String(date.day), month: String(date.month), year: String(date.year))
    }

    /// The date, or what to tell the person about the fields, in words that start with `what`
    /// ("the date the phase began").
    func read(_ what: String) -> Result<CalendarDate, DateProblem> {
        if day.isEmpty && month.isEmpty && year.isEmpty { return .failure(.init(message: "Enter \(what)")) }
        let missing = [("day", day), ("month", month), ("year", year)].filter { $0.1.isEmpty }.map(\.0)
        if !missing.isEmpty {
            return .failure(.init(message: "\(what.prefix(1).uppercased() + what.dropFirst()) must include a \(missing.joined(separator: " and a "))"))
        }
        guard let d = Int(day), let m = Int(month), let y = Int(year), year.count == 4,
            let date = CalendarDate(String(format: "%04d-%02d-%02d", y, m, d))
        else { return .failure(.init(message: "\(what.prefix(1).uppercased() + what.dropFirst()) must be a real date")) }
        return .success(date)
    }

    /// The date of fields that may be left empty: nil when all three are, else as `read`,
    /// with a problem added to `errors` at `field`.
    static func optional(_ input: DateInput, _ what: String, field: String, into errors: inout [PageRenderer.FieldError]) -> CalendarDate? {
        if input.day.isEmpty && input.month.isEmpty && input.year.isEmpty { return nil }
        switch input.read(what) {
        case .success(let date): return date
        case .failure(let problem):
            errors.append(.init(fieldID: field, message: problem.message))
            return nil
        }
    }

    struct DateProblem: Error, Sendable {
        var message: String
    }

    /// The three fields as a form's answers under `name`, to keep them across pages.
    func answers(named name: String) -> [(String, String)] {
        [("\(name)-day", day), ("\(name)-month", month), ("\(name)-year", year)]
    }

    /// The context of the `date-field` template for this date under `name`.
    func field(_ name: String, inError: Bool) -> [String: Any] {
        ["name": name, "day": day, "month": month, "year": year, "error": inError]
    }
}
