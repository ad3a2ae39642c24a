import Foundation

/// A progress bar on standard error for long command-line runs: redrawn in place on a
/// terminal, one line per step otherwise (so logs of scripted runs stay readable).
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let title: String
    private let width = 30
    private let isTerminal = isatty(FileHandle.standardError.fileDescriptor) == 1
    private let lock = NSLock()
    private var done = 0

    init(_ title: String, total: Int) {
        self.title = title
        self.total = max(total, 1)
    }

    func advance(_ step: String) {
        lock.lock()
        defer { lock.unlock() }
        done = min(done + 1, total)
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\(title) [\(bar)] \(done)/\(total) \(step)"
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line + (done == total ? "\n" : "")).utf8))
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
