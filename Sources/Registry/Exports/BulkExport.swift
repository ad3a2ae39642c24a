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
            for (number, row) in rows.rows.enumerated() {
                let fields = zip(rows.columns, row).map { "\(quoted($0)): \(json($1))" }
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

    private static func quoted(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }
}
