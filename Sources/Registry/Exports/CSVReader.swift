/// RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks.
enum CSVReader {
    /// The records of `text`, each with its line number (where the record starts).
    static func records(_ text: String) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = [], field = "", quoted = false, line = 1, start = 1
        var characters = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",": fields.append(field); field = ""
            case "\r\n", "\n":
                fields.append(field)
                if fields != [""] { records.append((start, fields)) }
                fields = []; field = ""; line += 1; start = line
            default: field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append((start, fields)) }
        return records
    }

    static func parse(_ text: String) -> [[String]] { records(text).map(\.fields) }
}
