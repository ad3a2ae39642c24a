/// One copy of each distinct word read from a long result, so a table whose hundreds of
/// thousands of rows name the same few places, periods and filter values holds each once.
struct SharedWords {
    private var words: [Substring: String] = [:]
    private var quarters: [Substring: String] = [:]

    subscript(word: Substring) -> String {
        mutating get {
            if let shared = words[word] { return shared }
            let made = String(word)
            words[word] = made
            return made
        }
    }

    /// `Calendar year Q<n>` for the quarter's digit.
    mutating func quarter(_ digit: Substring) -> String {
        if let shared = quarters[digit] { return shared }
        let made = "Calendar year Q" + digit
        quarters[digit] = made
        return made
    }
}
