import Foundation

/// Files an export or a dashboard site writes, by their paths under one folder.
enum OutputFolder {
    /// Writes each file under `folder`, making the folders on the way.
    static func write(_ files: [String: Data], into folder: URL) throws {
        for (path, contents) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url)
        }
    }
}
