import Foundation

/// Files an export or a dashboard site writes, by their paths under one folder.
enum OutputFolder {
    /// Writes each file under `folder`, making the folders on the way; `atomically`, each file
    /// appears whole or not at all, for a folder that is being served.
    static func write(_ files: [String: Data], into folder: URL, atomically: Bool = false) throws {
        for (path, contents) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, options: atomically ? .atomic : [])
        }
    }
}
