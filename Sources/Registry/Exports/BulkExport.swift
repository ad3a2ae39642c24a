import Foundation

/// Everything a viewer may read, as one CSV file per table or as a single JSON document.
struct BulkExport: Sendable {
    typealias Table = ExportStore.Table
    typealias Value = ExportStore.Value

    static func csv(_ rows: ExportStore.Rows) -> String {
        var csv = CSVWriter(header: rows.columns)
        for row in rows.rows { csv.append(row.map(csvField)) }
        return csv.text
    }

    /// Lists (service areas, safeguards, ...) as `a;b` in one cell.
    static func csvField(_ value: Value) -> String {
        switch value {
        case .null: ""
        case .text(let text), .number(let text): text
        case .boolean(let flag): flag ? "true" : "false"
        case .list(let items): items.joined(separator: ";")
        }
    }

    /// `{"generated_at": ..., "viewer_role": ..., "tables": {"providers": [{...}], ...}}`, each
    /// record's keys in the table's column order.
    static func json(_ tables: [(Table, ExportStore.Rows)], generatedAt: Date, viewerRole: String) -> String {
        var text = "{\n  \"generated_at\": \(quoted(ISO8601DateFormatter().string(from: generatedAt))),\n"
        text += "  \"viewer_role\": \(quoted(viewerRole)),\n  \"tables\": {"
        for (index, (table, rows)) in tables.enumerated() {
            text += (index == 0 ? "\n" : ",\n") + "    \(quoted(table.rawValue)): ["
            let keys = rows.columns.map(quoted)
            for (number, row) in rows.rows.enumerated() {
                let fields = zip(keys, row).map { "\($0): \(json($1))" }
                text += (number == 0 ? "\n" : ",\n") + "      {" + fields.joined(separator: ", ") + "}"
            }
            text += rows.rows.isEmpty ? "]" : "\n    ]"
        }
        return text + "\n  }\n}\n"
    }

    private static func json(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .text(let text): quoted(text)
        case .number(let text): text
        case .boolean(let flag): flag ? "true" : "false"
        case .list(let items): "[" + items.map(quoted).joined(separator: ", ") + "]"
        }
    }

    /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped.
    private static func quoted(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            case _ where scalar.value < 0x20: literal += String(format: "\\u%04x", scalar.value)
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }
}
