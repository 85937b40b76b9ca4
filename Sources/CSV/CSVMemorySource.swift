/// CSV bytes already in memory, handed out in chunks so the reader stays incremental.
public struct CSVMemorySource: CSVByteSource, Sendable {
    private let bytes: [UInt8]
    private let chunkSize: Int
    private var offset = 0

    /// Wraps `bytes`, handing them out `chunkSize` at a time.
    public init(_ bytes: [UInt8], chunkSize: Int = 65_536) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    /// The next slice of the bytes, or `nil` when all were handed out.
    public mutating func nextChunk() -> [UInt8]? {
        guard offset < bytes.count else { return nil }
        let end = min(offset + chunkSize, bytes.count)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
}
