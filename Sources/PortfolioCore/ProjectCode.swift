/// A project's unique code: 1...32 ASCII letters, digits, `-`, `_` or `.`.
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
        if code.utf8.count > Self.maxLength {
            throw DomainError(
                "project code \(TextRules.quoted(code)) is \(code.utf8.count) characters; at most \(Self.maxLength) are allowed"
            )
        }
        self.rawValue = code
    }

    /// The code.
    public var description: String { rawValue }

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
