/// The registry's answer to one call-for-evidence question, saying which of four things holds:
/// it has statements to give, it holds a record that there is nothing, it holds nothing yet, or
/// it holds records the reader may not see. Each statement names the tool it is about.
struct CallForEvidenceAnswer: Sendable, Equatable {
    enum Status: String, Sendable {
        case answered
        /// Recorded that there is nothing: no tool was stopped, no tool was built.
        case none
        case notRecorded = "not_recorded"
        case notShared = "not_shared"
    }

    struct Statement: Sendable, Hashable, Comparable {
        /// The tool as the answers name it: `Visit Notes by Voice Ltd` bought, the pilot's title built.
        var tool: String?
        var text: String

        /// One line of the answer: `Tool: text`, or either alone.
        var line: String {
            guard let tool else { return text }
            return text.isEmpty ? tool : "\(tool): \(text)"
        }

        static func < (a: Statement, b: Statement) -> Bool { a.line < b.line }
    }

    var number: Int
    var status: Status
    /// Sorted and each once, so an answer reads the same however its records were entered.
    var statements: [Statement]
    /// What to record to answer the question, when nothing is recorded yet.
    var toRecord: String?

    static func answered(_ number: Int, _ statements: [Statement]) -> Self {
        let oneLineEach = Set(statements.map { Statement(tool: $0.tool.map(Self.oneLine), text: Self.oneLine($0.text)) })
        // Each line made once, not once per comparison.
        let sorted = oneLineEach.map { ($0.line, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        return Self(number: number, status: .answered, statements: sorted)
    }

    /// Text on one line, since a line of an answer is one statement.
    private static func oneLine(_ text: String) -> String {
        // Most texts are one line already: their bytes tell without walking the characters.
        let mayBreak = text.utf8.contains { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }
        return mayBreak ? text.split(whereSeparator: \.isNewline).joined(separator: " ") : text
    }

    static func none(_ number: Int) -> Self { Self(number: number, status: .none, statements: []) }

    static func notRecorded(_ number: Int, record: String) -> Self {
        Self(number: number, status: .notRecorded, statements: [], toRecord: record)
    }

    /// Statements if there are any, else `otherwise`.
    static func listing(_ number: Int, _ statements: [Statement], otherwise: Self) -> Self {
        statements.isEmpty ? otherwise : .answered(number, statements)
    }

    /// The answer as one cell of the sector CSV: a statement a line.
    var text: String {
        switch status {
        case .answered: statements.map(\.line).joined(separator: "\n")
        case .none: Self.noneText
        case .notRecorded: Self.notRecordedText
        case .notShared: Self.notSharedText
        }
    }

    /// Answered, or recorded as nothing: either way, an answer an authority can sign.
    var isComplete: Bool { status == .answered || status == .none }

    static let noneText = "None"
    static let notRecordedText = "Not yet recorded"
    static let notSharedText = "Recorded but not shared with you"
}
