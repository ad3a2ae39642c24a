import Foundation
import Logging

/// Builds an audience's site in a child process, `csc-registry dashboards build`, into a
/// folder. A national build holds every statistic and page in memory (hundreds of MiB at
/// scale 100); in a process of its own that memory goes back when it ends instead of staying
/// with the server, and a build that fails cannot take the server down with it.
struct SiteBuildProcess: Sendable {
    /// The `csc-registry` executable the server itself runs.
    let executable: URL
    let database: DatabaseURL
    let logLevel: Logger.Level

    /// Runs the build and waits for it; a cancelled wait (the server stopping) stops the build.
    func build(_ audience: Audience, into folder: URL) async throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["dashboards", "build", "--audience", audience.description, "--out", folder.path, "--quiet"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = database.address
        environment["LOG_LEVEL"] = logLevel.rawValue
        process.environment = environment
        // Its summary line is the server's to log; its errors join the server's own.
        process.standardOutput = FileHandle.nullDevice
        let finished = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { ended in
            finished.continuation.yield(ended.terminationStatus)
            finished.continuation.finish()
        }
        try process.run()
        let status = await withTaskCancellationHandler {
            await finished.stream.first { _ in true }
        } onCancel: {
            process.terminate()
        }
        try Task.checkCancellation()
        guard status == 0 else { throw SiteBuildFailed(status: status ?? -1) }
    }
}

/// The child process that builds a site ended with an error; its own messages are in
/// the server's log just before.
struct SiteBuildFailed: Error, CustomStringConvertible {
    let status: Int32

    var description: String { "the dashboards build exited with status \(status)" }
}
