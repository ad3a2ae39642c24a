import Foundation

/// Splits a migration file into statements, because PostgreSQL's extended query protocol
/// (the one that binds values safely) takes one statement at a time.
///
/// Semicolons inside quoted strings, quoted identifiers, dollar-quoted bodies and comments
/// do not end a statement.
public enum SQLScript {
    public static func statements(in script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let chars = Array(script)
        var index = 0

        func peek(_ offset: Int) -> Character? {
            index + offset < chars.count ? chars[index + offset] : nil
        }
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { statements.append(trimmed) }
            current = ""
        }

        while index < chars.count {
            let char = chars[index]
            switch char {
            case "-" where peek(1) == "-":
                while index < chars.count, chars[index] != "\n" { index += 1 }
                continue
            case "/" where peek(1) == "*":
                index += 2
                while index < chars.count, !(chars[index] == "*" && peek(1) == "/") { index += 1 }
                index += 2
                continue
            case "'", "\"":
                current.append(char)
                index += 1
                while index < chars.count {
                    current.append(chars[index])
                    if chars[index] == char {
                        if peek(1) == char {  // doubled quote escapes itself
                            index += 1
                            current.append(chars[index])
                        } else {
                            break
                        }
                    }
                    index += 1
                }
                index += 1
                continue
            case "$":
                if let tag = dollarTag(chars, at: index) {
                    let closing = Array(tag)
                    current.append(contentsOf: tag)
                    index += closing.count
                    while index < chars.count, Array(chars[index..<min(chars.count, index + closing.count)]) != closing {
                        current.append(chars[index])
                        index += 1
                    }
                    current.append(contentsOf: tag)
                    index += closing.count
                    continue
                }
            case ";":
                flush()
                index += 1
                continue
            default:
                break
            }
            current.append(char)
            index += 1
        }
        flush()
        return statements
    }

    /// `$$` or `$tag$` starting at `index`, if one does.
    private static func dollarTag(_ chars: [Character], at index: Int) -> String? {
        var end = index + 1
        while end < chars.count, chars[end] == "_" || chars[end].isLetter || chars[end].isNumber { end += 1 }
        guard end < chars.count, chars[end] == "$" else { return nil }
        if end > index + 1, chars[index + 1].isNumber { return nil }  // $1 is a parameter, not a tag
        return String(chars[index...end])
    }
}
