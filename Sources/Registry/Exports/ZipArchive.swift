import Foundation

/// A ZIP file of stored (uncompressed) entries: enough for a dashboard site or an export to be
/// emailed or uploaded as one file, and readable by every unzip tool, with no compression library needed.
struct ZipArchive {
    /// Files (path → contents) in one folder of an archive, in path order.
    static func of(_ files: [String: Data], folderName: String, modified: Date) -> Data {
        var archive = ZipArchive()
        var data = Data()
        for path in files.keys.sorted() { data.append(archive.entry("\(folderName)/\(path)", files[path]!, modified: modified)) }
        data.append(archive.trailer)
        return data
    }

    /// The files of a folder on disk in one folder of an archive written to `file`, one file in
    /// memory at a time: a national site is hundreds of megabytes.
    static func write(folder: URL, folderName: String, modified: Date, to file: URL) throws {
        let root = folder.standardizedFileURL.path + "/"
        var paths: [String] = []
        let found = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = found?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            paths.append(String(url.standardizedFileURL.path.dropFirst(root.count)))
        }
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var archive = ZipArchive()
        for path in paths.sorted() {
            let contents = try Data(contentsOf: folder.appendingPathComponent(path))
            try handle.write(contentsOf: archive.entry("\(folderName)/\(path)", contents, modified: modified))
        }
        try handle.write(contentsOf: archive.trailer)
    }

    /// Bytes of the entries so far, where the next one starts.
    private var offset: UInt32 = 0
    private var directory = Data()
    private var count: UInt16 = 0

    /// The entry's header and contents, to be written next; its record in the central directory
    /// is kept for the trailer. Entries keep a fixed timestamp, so the same site always makes
    /// the same archive.
    mutating func entry(_ path: String, _ contents: Data, modified: Date) -> Data {
        let name = Data(path.utf8)
        let crc = Self.crc32(contents)
        let (time, date) = Self.dosTimestamp(modified)
        var local = Data()
        local.append(le32: 0x0403_4b50)
        local.append(le16: 20); local.append(le16: 0x0800); local.append(le16: 0)  // version, UTF-8 names, stored
        local.append(le16: time); local.append(le16: date)
        local.append(le32: crc); local.append(le32: UInt32(contents.count)); local.append(le32: UInt32(contents.count))
        local.append(le16: UInt16(name.count)); local.append(le16: 0)
        local.append(name); local.append(contents)

        directory.append(le32: 0x0201_4b50)
        directory.append(le16: 20); directory.append(le16: 20); directory.append(le16: 0x0800); directory.append(le16: 0)
        directory.append(le16: time); directory.append(le16: date)
        directory.append(le32: crc); directory.append(le32: UInt32(contents.count)); directory.append(le32: UInt32(contents.count))
        directory.append(le16: UInt16(name.count)); directory.append(le16: 0); directory.append(le16: 0)
        directory.append(le16: 0); directory.append(le16: 0); directory.append(le32: 0o100644 << 16)
        directory.append(le32: offset)
        directory.append(name)
        count += 1
        offset += UInt32(local.count)
        return local
    }

    /// The central directory and its end record, after the last entry.
    var trailer: Data {
        var end = directory
        end.append(le32: 0x0605_4b50)
        end.append(le16: 0); end.append(le16: 0); end.append(le16: count); end.append(le16: count)
        end.append(le32: UInt32(directory.count)); end.append(le32: offset); end.append(le16: 0)
        return end
    }

    private static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { value, _ in value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
    }

    static func crc32(_ data: Data) -> UInt32 {
        ~data.reduce(~UInt32(0)) { crc, byte in table[Int((crc ^ UInt32(byte)) & 0xff)] ^ (crc >> 8) }
    }

    private static func dosTimestamp(_ date: Date) -> (time: UInt16, date: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let time = UInt16(c.hour! << 11 | c.minute! << 5 | c.second! / 2)
        let day = UInt16(max(c.year! - 1980, 0) << 9 | c.month! << 5 | c.day!)
        return (time, day)
    }
}

private extension Data {
    mutating func append(le16 value: UInt16) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
    mutating func append(le32 value: UInt32) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
}
