import Testing

@testable import Registry

@Suite struct CalendarDateTests {
    @Test(arguments: ["2024-02-29", "2025-12-31", "1999-01-01"])
    func acceptsRealDates(_ text: String) throws {
        #expect(try #require(CalendarDate(text)).description == text)
    }

    @Test(arguments: ["2025-02-29", "2025-13-01", "2025-1-01", "25-01-01", "2025-01-01T00:00:00Z", "", "abcd-ef-gh", "1800-01-01"])
    func refusesAnythingElse(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }
}

@Suite struct InputValidatorTests {
    @Test(arguments: ["0", "12500", "12500.5", "12500.50", "999999999999.99"])
    func acceptsMoney(_ text: String) {
        var validator = InputValidator()
        validator.money(text, "amount_gbp")
        #expect(validator.issues.isEmpty)
    }

    @Test(arguments: ["-1", "1.234", "1e5", "£10", "", ".5", "10.", "1,000", "1000000000000"])
    func refusesWhatIsNotExactPounds(_ text: String) {
        var validator = InputValidator()
        validator.money(text, "amount_gbp")
        #expect(validator.issues.map(\.field) == ["amount_gbp"])
    }

    @Test func collectsEveryIssueBeforeFailing() {
        var validator = InputValidator()
        validator.number(-1, "fte", min: 0, max: 10)
        validator.period(start: "2025-02-01", "period_start", end: "2025-01-01", "period_end")
        validator.link("ftp://x", "link")
        #expect(validator.issues.map(\.field) == ["fte", "period_end", "link"])
        #expect(throws: RegistryError.self) { try validator.check() }
    }
}

@Suite struct PhaseRulesTests {
    let today = CalendarDate(year: 2026, month: 1, day: 1)

    func issues(_ phase: String, on date: CalendarDate, reasons: [String] = [], after current: (String, CalendarDate)?) -> [String] {
        var validator = InputValidator()
        PhaseRules.validate(phase: phase, effectiveOn: date, reasons: reasons, current: current, today: today, into: &validator)
        return validator.issues.map(\.field)
    }

    @Test func sameDayChangeIsAllowed() {
        let day = CalendarDate(year: 2025, month: 5, day: 1)
        #expect(issues("implemented", on: day, after: ("pilot", day)).isEmpty)
    }

    @Test func pausingMayGiveReasonsButDiscontinuingMust() {
        let day = CalendarDate(year: 2025, month: 5, day: 1)
        #expect(issues("paused", on: day, reasons: ["cost"], after: ("pilot", day)).isEmpty)
        #expect(issues("paused", on: day, after: ("pilot", day)).isEmpty)
        #expect(issues("discontinued", on: day, after: ("pilot", day)) == ["reasons"])
    }
}

@Suite struct DisclosureTests {
    /// One country, two regions of three authorities, a filter of three values and its Total,
    /// with figures from a seeded generator: enough small numbers for secondary suppression.
    /// Some authorities' figures rest on public records only; totals never do.
    static func table(seed: UInt64) -> [StatisticsRow] {
        var random = SeededGenerator(seed: seed)
        var rows: [StatisticsRow] = []
        func add(_ level: GeographicLevel, _ region: String?, _ authority: String?) {
            for kind in ["Total", "a", "b", "c"] {
                let contributors = Int.random(in: 0...6, using: &random)
                let allPublic = level == .localAuthority && kind != "Total" && random.chance(0.3)
                rows.append(StatisticsRow(
                    timePeriod: "2026", timeIdentifier: "Calendar year", level: level, countryCode: "E92000001",
                    regionCode: region, authorityCode: authority, filters: [kind],
                    values: [.number(String(contributors * 2))], contributors: contributors, allPublic: allPublic))
            }
        }
        add(.national, nil, nil)
        for region in ["E12000001", "E12000002"] {
            add(.regional, region, nil)
            for authority in 1...3 { add(.localAuthority, region, "\(region)-\(authority)") }
        }
        return rows
    }

    @Test(arguments: 1...20 as ClosedRange<UInt64>)
    func withholdsTheSameCellsWhateverTheOrderNeverAPublicOneAndNoneAlone(seed: UInt64) {
        let rows = Self.table(seed: seed)
        let shown = Disclosure.apply(to: rows, filterCount: 1)
        #expect(shown.filter(\.isSuppressed).count >= rows.filter(Disclosure.needsPrimarySuppression).count)
        var random = SeededGenerator(seed: seed)
        for _ in 1...5 {
            #expect(Disclosure.apply(to: rows.shuffled(using: &random), filterCount: 1) == shown)
        }
        #expect(!shown.contains { $0.allPublic && $0.isSuppressed })
        // No withheld figure can be worked out from its siblings and their Total.
        for group in SiblingGroups(shown, filterCount: 1).groups {
            let withheld = group.members.filter { shown[$0].isSuppressed }
            let totalKnown = group.total.map { !shown[$0].isSuppressed } ?? false
            #expect(withheld.count != 1 || !totalKnown, "a lone withheld row beside its Total: \(shown[withheld[0]])")
        }
    }
}
