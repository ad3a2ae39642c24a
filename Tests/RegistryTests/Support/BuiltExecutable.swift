import Foundation
import Testing

/// The real `csc-registry` beside this test bundle (`swift build --build-tests` builds both).
enum BuiltExecutable {
    static func cscRegistry() throws -> URL {
        let executable = try #require(Bundle.main.executableURL?.deletingLastPathComponent()
            .appendingPathComponent("csc-registry"))
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "\(executable.path) is not built")
        return executable
    }
}
