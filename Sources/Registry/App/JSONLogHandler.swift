import Foundation
import Logging
import Synchronization

/// One JSON object per line (`LOG_FORMAT=json`), for a log store: `time`, `level`, `message`,
/// `logger`, then the entry's metadata, with Hummingbird's request id as `request_id`. What
/// reaches a log is chosen where it is logged; nothing here adds headers, cookies or bodies.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    private let write: @Sendable (String) -> Void

    init(label: String, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.write = write
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line = "{\"time\":" + Self.quoted(Self.timestamp(Date()))
        line += ",\"level\":" + Self.quoted(event.level.rawValue)
        line += ",\"message\":" + Self.quoted(event.message.description)
        line += ",\"logger\":" + Self.quoted(label)
        var fields = metadata
        if let more = event.metadata { fields.merge(more) { $1 } }
        if let id = fields.removeValue(forKey: "hb.request.id"), fields["request_id"] == nil { fields["request_id"] = id }
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            line += "," + Self.quoted(key) + ":" + Self.json(value)
        }
        write(line + "}\n")
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .stringConvertible(let convertible): quoted(convertible.description)
        case .array(let items): "[" + items.map(json).joined(separator: ",") + "]"
        case .dictionary(let fields):
            "{" + fields.sorted { $0.key < $1.key }.map { quoted($0.key) + ":" + json($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, so no value can
    /// end its line or forge another field.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// UTC, to the millisecond: `2026-12-04T13:05:09.123Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(timestampStyle)
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static let output = Mutex(FileHandle.standardError)

    /// Whole lines, one at a time, so lines from concurrent requests never interleave.
    static let standardError: @Sendable (String) -> Void = { line in
        output.withLock { $0.write(Data(line.utf8)) }
    }
}
