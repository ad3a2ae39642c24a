import Foundation

/// One row of a call-for-evidence CSV as cells to read, collecting every problem with its line
/// and column rather than stopping at the first.
struct CallForEvidenceCells {
    let line: Int
    let cells: [String: String]
    private(set) var issues: [FieldIssue] = []

    init(line: Int, cells: [String: String]) {
        self.line = line
        self.cells = cells
    }

    mutating func fail(_ column: String, _ message: String) {
        issues.append(.init(field: "line \(line): \(column)", message: message))
    }

    func cell(_ column: String) -> String {
        (cells[column] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The statements of a cell, a line each; none when it says the registry holds nothing
    /// ("None", "Not yet recorded", "Recorded but not shared with you").
    func statements(_ column: String) -> [String] {
        let lines = cell(column).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let nothing = [CallForEvidenceAnswer.noneText, CallForEvidenceAnswer.notRecordedText, CallForEvidenceAnswer.notSharedText]
        return lines.count == 1 && nothing.contains(lines[0]) ? [] : lines
    }

    /// A statement split into the tool it names (the longest of `tools` it starts with) and its text.
    mutating func about(_ statement: String, among tools: Set<String>, _ column: String, listedIn: String) -> (tool: String, text: String)? {
        let named = tools.filter { statement == $0 || statement.hasPrefix($0 + ": ") }.max { $0.count < $1.count }
        guard let named else {
            fail(column, "'\(statement)' should start with a tool named in \(listedIn), then ': '")
            return nil
        }
        return (named, String(statement.dropFirst(named.count)).trimmingPrefix(": "))
    }

    /// The vocabulary term a label stands for, or a problem naming the labels allowed.
    mutating func term<T: RawRepresentable & CaseIterable>(_ label: String, _ type: T.Type, _ column: String) -> T?
    where T.RawValue == String {
        guard let value = T(rawValue: VocabularyLabel.term(label)) else {
            fail(column, "'\(label)' is not one of: " + T.allCases.map { VocabularyLabel.label($0.rawValue) }.joined(separator: ", "))
            return nil
        }
        return value
    }

    /// Labels separated by ", ", each read as a term.
    mutating func terms<T: RawRepresentable & CaseIterable>(_ labels: String, _ type: T.Type, _ column: String) -> [T]
    where T.RawValue == String {
        labels.components(separatedBy: ", ").compactMap { term($0, type, column) }
    }
}

private extension String {
    func trimmingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
