/// Reads CSV records one at a time from a byte source, yielding each record or the error that
/// refused it, so one bad record does not stop the rest. See `CSVParser` for the accepted syntax.
public struct CSVReader<Source: CSVByteSource>: Sequence, IteratorProtocol {
    private var source: Source
    private var parser: CSVParser
    private var finished = false

    /// Reads from `source` with `options`.
    public init(source: Source, options: CSVOptions = CSVOptions()) {
        self.source = source
        self.parser = CSVParser(options: options)
    }

    /// The next record or error; `nil` at the end of the input. A read failure is yielded once
    /// as a `readFailed` error and ends the sequence.
    public mutating func next() -> Result<CSVRecord, CSVError>? {
        while true {
            if let result = parser.next() { return result }
            if finished { return nil }
            do {
                if let chunk = try source.nextChunk() {
                    parser.feed(chunk)
                } else {
                    parser.finish()
                    finished = true
                }
            } catch {
                finished = true
                return .failure(CSVError(
                    line: parser.currentLine, kind: .readFailed, message: "reading failed: \(error)"
                ))
            }
        }
    }
}

extension CSVReader: Sendable where Source: Sendable {}

extension CSVReader where Source == CSVMemorySource {
    /// Reads CSV from bytes in memory.
    public init(bytes: [UInt8], options: CSVOptions = CSVOptions()) {
        self.init(source: CSVMemorySource(bytes, chunkSize: options.chunkSize), options: options)
    }

    /// Reads CSV from a string's UTF-8 bytes.
    public init(string: String, options: CSVOptions = CSVOptions()) {
        self.init(bytes: Array(string.utf8), options: options)
    }
}

extension CSVReader where Source == CSVFileSource {
    /// Reads CSV from the file at `path` in chunks; throws when it cannot be opened.
    public init(path: String, options: CSVOptions = CSVOptions()) throws {
        self.init(source: try CSVFileSource(path: path, chunkSize: options.chunkSize), options: options)
    }
}
