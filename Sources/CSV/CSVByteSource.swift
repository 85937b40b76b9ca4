/// Something that hands out the bytes of a CSV input in chunks.
public protocol CSVByteSource {
    /// The next chunk, or `nil` at the end of the input.
    mutating func nextChunk() throws -> [UInt8]?
}
