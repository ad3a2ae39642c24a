import Crypto
import Foundation

/// One forward-only schema change: `Migrations/NNNN_description.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 of the file, so a file edited after it was applied is caught.
    public let checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hash(data: Data(sql.utf8)).hex
    }

    /// Every `NNNN_description.sql` in the folder, in version order.
    public static func load(from directory: URL) throws -> [Migration] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw ConfigurationError("Cannot read the migrations folder \(directory.path): \(error)")
        }
        let migrations = try files.filter { $0.hasSuffix(".sql") }.sorted().map { file -> Migration in
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]),
                stem[..<underscore].count == 4
            else {
                throw ConfigurationError("Migration file \(file) must be named NNNN_description.sql")
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            return Migration(version: version, name: String(stem), sql: sql)
        }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw ConfigurationError("Migrations \(previous.name) and \(next.name) share version \(next.version)")
        }
        return migrations
    }
}
