/// A project's unique code: 1...32 ASCII letters, digits, `-`, `_` or `.`, starting with a
/// letter or a digit.
///
/// Case is kept as written and lookups match it exactly, but two codes may not differ only in
/// case (`C-1` and `c-1` are one code to a person): see `folded`.
public struct ProjectCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The code as written (case is kept).
    public let rawValue: String

    /// The longest allowed code.
    public static let maxLength = 32

    /// Validates `text` after trimming surrounding whitespace.
    public init(_ text: String) throws(DomainError) {
        let code = TextRules.trimmed(text)
        if code.isEmpty {
            throw DomainError("project code is empty")
        }
        if let odd = code.unicodeScalars.first(where: { !Self.isAllowed($0) }) {
            throw DomainError(
                "project code \(TextRules.quoted(code)) contains \(TextRules.quoted(String(odd))); "
                    + "use letters, digits, \"-\", \"_\" and \".\""
            )
        }
        if let first = code.utf8.first, !(TextRules.isLetter(first) || TextRules.isDigit(first)) {
            throw DomainError(
                "project code \(TextRules.quoted(code)) must start with a letter or a digit"
            )
        }
        if code.utf8.count > Self.maxLength {
            throw DomainError(
                "project code \(TextRules.quoted(code)) is \(code.utf8.count) characters; at most \(Self.maxLength) are allowed"
            )
        }
        self.rawValue = code
    }

    /// The code.
    public var description: String { rawValue }

    /// The code in lower case: two codes with the same folded form are the same code.
    public var folded: String { rawValue.lowercased() }

    /// Orders by the code's text.
    public static func < (lhs: ProjectCode, rhs: ProjectCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        let byte = UInt8(scalar.value)
        return TextRules.isLetter(byte) || TextRules.isDigit(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }
}
