/// One CSV record: its fields and the 1-based physical line it starts on.
public struct CSVRecord: Hashable, Sendable {
    /// The line the record starts on; a quoted field with newlines makes a record span several lines.
    public let line: Int
    /// The field values, unquoted and unescaped.
    public let fields: [String]

    /// Creates a record.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
