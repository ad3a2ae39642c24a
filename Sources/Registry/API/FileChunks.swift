import Foundation

/// A file's contents read a chunk at a time as the response is sent, so a download of hundreds
/// of megabytes holds one chunk in memory, not the file.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ArraySlice<UInt8>

    let file: URL
    let size: Int64
    static let chunkBytes = 256 * 1024

    init(_ file: URL) throws {
        self.file = file
        size = Int64(try file.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        let failure: (any Error)?

        mutating func next() async throws -> ArraySlice<UInt8>? {
            if let failure { throw failure }
            guard let handle, let data = try handle.read(upToCount: FileChunks.chunkBytes), !data.isEmpty else {
                try? handle?.close()
                return nil
            }
            return ArraySlice(data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        do {
            return AsyncIterator(handle: try FileHandle(forReadingFrom: file), failure: nil)
        } catch {
            return AsyncIterator(handle: nil, failure: error)
        }
    }
}
