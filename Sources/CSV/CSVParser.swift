/// An incremental RFC 4180 parser: feed it bytes in chunks of any size, then take records out.
///
/// Fields are separated by `,`, records by LF, CRLF or a lone CR. A field starting with `"` is
/// quoted: it may hold commas and line breaks, and `""` stands for one quote. A UTF-8 byte order
/// mark at the very start is skipped, and empty lines are skipped. A bad record becomes a
/// `CSVError` and reading goes on with the next record; an unterminated quote can only be
/// reported at the end of the input, since it swallows everything after it.
public struct CSVParser: Sendable {
    private enum State: Sendable {
        case recordStart, fieldStart, unquoted, quoted, afterClosingQuote
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The limits in use.
    public let options: CSVOptions

    private var state = State.recordStart
    private var afterCR = false
    private var bomMatched: Int? = 0
    private var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    private var fields: [String] = []
    private var field: [UInt8] = []
    private var fieldTooLarge = false
    private var problem: CSVError?
    private var results: [Result<CSVRecord, CSVError>] = []
    private var head = 0

    /// Creates a parser.
    public init(options: CSVOptions = CSVOptions()) {
        self.options = options
    }

    /// The current physical line, 1-based.
    public var currentLine: Int { line }

    /// Parses `bytes`; completed records become available from `next()`.
    public mutating func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { feed(buffer: $0) }
    }

    /// Marks the end of the input, completing or refusing the last record.
    public mutating func finish() {
        if let matched = bomMatched, matched > 0 {
            bomMatched = nil
            feed(Array(Self.bom[0..<matched]))
        }
        bomMatched = nil
        switch state {
        case .recordStart:
            break
        case .fieldStart, .unquoted, .afterClosingQuote:
            endField()
            endRecord()
        case .quoted:
            let fieldNumber = fields.count + 1
            fail(.unterminatedQuote, "field \(fieldNumber) opens a quote on line \(quoteLine) that is never closed")
            field.removeAll(keepingCapacity: true)
            fieldTooLarge = false
            endRecord()
        }
        state = .recordStart
        afterCR = false
    }

    /// The next completed record or error, or `nil` until more bytes are fed.
    public mutating func next() -> Result<CSVRecord, CSVError>? {
        if head < results.count {
            head += 1
            return results[head - 1]
        }
        if head > 0 {
            results.removeAll(keepingCapacity: true)
            head = 0
        }
        return nil
    }

    private mutating func feed(buffer: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = buffer.count
        while let matched = bomMatched, index < count {
            if buffer[index] == Self.bom[matched] {
                index += 1
                bomMatched = matched + 1 == Self.bom.count ? nil : matched + 1
            } else {
                bomMatched = nil
                if matched > 0 {
                    feed(Array(Self.bom[0..<matched]))
                }
            }
        }
        while index < count {
            let byte = buffer[index]
            if afterCR {
                afterCR = false
                if byte == Self.lf {
                    if state == .quoted { append(byte) }
                    index += 1
                    continue
                }
            }
            switch state {
            case .recordStart:
                if byte == Self.lf || byte == Self.cr {
                    newline(byte)
                    index += 1
                } else {
                    recordLine = line
                    state = .fieldStart
                }
            case .fieldStart:
                index += 1
                switch byte {
                case Self.quote:
                    quoteLine = line
                    state = .quoted
                case Self.comma:
                    endField()
                case Self.lf, Self.cr:
                    endField()
                    endRecord()
                    newline(byte)
                default:
                    append(byte)
                    state = .unquoted
                }
            case .unquoted:
                var end = index
                while end < count {
                    let next = buffer[end]
                    if next == Self.comma || next == Self.lf || next == Self.cr || next == Self.quote { break }
                    end += 1
                }
                if end > index {
                    append(UnsafeBufferPointer(rebasing: buffer[index..<end]))
                    index = end
                    continue
                }
                index += 1
                switch byte {
                case Self.comma:
                    endField()
                    state = .fieldStart
                case Self.quote:
                    fail(.strayQuote, "field \(fields.count + 1) has a quote inside an unquoted field; "
                        + "quote the whole field and double the quotes inside")
                    append(byte)
                default:
                    endField()
                    endRecord()
                    newline(byte)
                    state = .recordStart
                }
            case .quoted:
                var end = index
                while end < count {
                    let next = buffer[end]
                    if next == Self.quote || next == Self.lf || next == Self.cr { break }
                    end += 1
                }
                if end > index {
                    append(UnsafeBufferPointer(rebasing: buffer[index..<end]))
                    index = end
                    continue
                }
                index += 1
                if byte == Self.quote {
                    state = .afterClosingQuote
                } else {
                    append(byte)
                    newline(byte)
                }
            case .afterClosingQuote:
                index += 1
                switch byte {
                case Self.quote:
                    append(byte)
                    state = .quoted
                case Self.comma:
                    endField()
                    state = .fieldStart
                case Self.lf, Self.cr:
                    endField()
                    endRecord()
                    newline(byte)
                    state = .recordStart
                default:
                    fail(.strayQuote, "field \(fields.count + 1) has text after its closing quote")
                    append(byte)
                    state = .unquoted
                }
            }
        }
    }

    private mutating func newline(_ byte: UInt8) {
        line += 1
        afterCR = byte == Self.cr
    }

    private mutating func append(_ byte: UInt8) {
        if field.count < options.maxFieldBytes {
            field.append(byte)
        } else {
            tooLarge()
        }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if field.count + bytes.count <= options.maxFieldBytes {
            field.append(contentsOf: bytes)
        } else {
            tooLarge()
        }
    }

    private mutating func tooLarge() {
        if !fieldTooLarge {
            fieldTooLarge = true
            fail(.fieldTooLarge, "field \(fields.count + 1) is larger than \(options.maxFieldBytes) bytes")
        }
    }

    /// Records the first problem of the current record.
    private mutating func fail(_ kind: CSVError.Kind, _ message: String) {
        if problem == nil {
            problem = CSVError(line: recordLine, kind: kind, message: message)
        }
    }

    private mutating func endField() {
        if problem == nil {
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                fail(.invalidUTF8, "field \(fields.count + 1) is not valid UTF-8")
            }
        } else {
            fields.append("")
        }
        field.removeAll(keepingCapacity: true)
        fieldTooLarge = false
        if state != .recordStart { state = .fieldStart }
    }

    private mutating func endRecord() {
        if let problem {
            results.append(.failure(problem))
        } else {
            results.append(.success(CSVRecord(line: recordLine, fields: fields)))
        }
        problem = nil
        fields = []
        state = .recordStart
    }
}
