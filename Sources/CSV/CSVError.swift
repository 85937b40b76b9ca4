/// A CSV record that could not be read, with the line it starts on.
public struct CSVError: Error, CustomStringConvertible, Hashable, Sendable {
    /// What went wrong.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A field's bytes are not valid UTF-8.
        case invalidUTF8 = "invalid_utf8"
        /// A quoted field is still open at the end of the input.
        case unterminatedQuote = "unterminated_quote"
        /// A quote inside an unquoted field, or text after a closing quote.
        case strayQuote = "stray_quote"
        /// A field is longer than `CSVOptions.maxFieldBytes`.
        case fieldTooLarge = "field_too_large"
        /// The input could not be read.
        case readFailed = "read_failed"
    }

    /// The 1-based line the failed record starts on.
    public let line: Int
    /// What went wrong.
    public let kind: Kind
    /// A one-line explanation, such as `field 2 is not valid UTF-8`.
    public let message: String

    /// Creates an error.
    public init(line: Int, kind: Kind, message: String) {
        self.line = line
        self.kind = kind
        self.message = message
    }

    /// `line 12: field 2 is not valid UTF-8`.
    public var description: String {
        "line \(line): \(message)"
    }
}
