/// Limits for reading CSV.
public struct CSVOptions: Hashable, Sendable {
    /// The largest field, in bytes, before the record is refused; 64 KiB by default.
    public var maxFieldBytes: Int
    /// How many bytes a file source reads at a time; 64 KiB by default.
    public var chunkSize: Int

    /// Creates options.
    public init(maxFieldBytes: Int = 65_536, chunkSize: Int = 65_536) {
        self.maxFieldBytes = maxFieldBytes
        self.chunkSize = max(1, chunkSize)
    }
}
