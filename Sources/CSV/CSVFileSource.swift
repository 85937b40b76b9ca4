import Foundation

/// CSV bytes read from a file handle, such as an opened file or standard input, in chunks.
public struct CSVFileSource: CSVByteSource, Sendable {
    private let handle: FileHandle
    private let chunkSize: Int

    /// Reads from `handle`, `chunkSize` bytes at a time (64 KiB by default); the caller closes it.
    public init(_ handle: FileHandle, chunkSize: Int = 65_536) {
        self.handle = handle
        self.chunkSize = max(1, chunkSize)
    }

    /// Opens the file at `path` for reading; throws when it is missing or unreadable.
    public init(path: String, chunkSize: Int = 65_536) throws {
        self.init(try FileHandle(forReadingFrom: URL(fileURLWithPath: path)), chunkSize: chunkSize)
    }

    /// The next chunk read from the handle, or `nil` at the end of the file.
    public mutating func nextChunk() throws -> [UInt8]? {
        guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else { return nil }
        return [UInt8](data)
    }
}
