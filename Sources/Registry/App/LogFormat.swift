import Logging
import Synchronization

/// How the server's log is written: readable text for a person at a terminal (the default), or
/// one JSON object per line for a log store (`LOG_FORMAT=json`, `JSONLogHandler`).
public enum LogFormat: String, Sendable {
    case text
    case json

    private static let chosen = Mutex<LogFormat?>(nil)

    /// The format this process writes in: text until `bootstrap` chose another.
    public static var current: LogFormat { chosen.withLock { $0 } ?? .text }

    /// Makes every logger of this process write in this format. swift-log allows one bootstrap
    /// a process, so only the first call counts; text is swift-log's own default.
    public func bootstrap() {
        let first = Self.chosen.withLock { chosen in
            defer { chosen = chosen ?? self }
            return chosen == nil
        }
        if first, self == .json { LoggingSystem.bootstrap { JSONLogHandler(label: $0) } }
    }
}
