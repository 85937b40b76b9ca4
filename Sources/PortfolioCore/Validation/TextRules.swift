/// Shared checks and helpers for user-supplied text.
enum TextRules {
    /// `text` without leading and trailing whitespace (including newlines).
    static func trimmed(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    /// Length as PostgreSQL's `char_length` counts it: Unicode scalars.
    static func length(_ text: String) -> Int {
        text.unicodeScalars.count
    }

    /// The first control character (general category Cc) in `text`, if any.
    static func firstControlCharacter(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isControl)
    }

    /// Whether `scalar` is in general category Cc: U+0000–U+001F and U+007F–U+009F, a set
    /// Unicode keeps fixed.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `text` in double quotes for an error message: escaped, on one line, cut after 60 scalars.
    static func quoted(_ text: String) -> String {
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 60 {
                out += "…"
                break
            }
            count += 1
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isControl(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Checks a required single-line text: trimmed, not empty, at most `maxLength` scalars, no control characters.
    static func requiredText(_ text: String, what: String, maxLength: Int) throws(DomainError) -> String {
        let value = trimmed(text)
        if value.isEmpty {
            throw DomainError("\(what) is empty")
        }
        try checkContent(value, what: what, maxLength: maxLength)
        return value
    }

    /// Checks an optional text: blank becomes `nil`, otherwise as `requiredText`.
    static func optionalText(_ text: String?, what: String, maxLength: Int) throws(DomainError) -> String? {
        guard let text else { return nil }
        let value = trimmed(text)
        if value.isEmpty { return nil }
        try checkContent(value, what: what, maxLength: maxLength)
        return value
    }

    private static func checkContent(_ value: String, what: String, maxLength: Int) throws(DomainError) {
        let length = length(value)
        if length > maxLength {
            throw DomainError("\(what) is \(length) characters; at most \(maxLength) are allowed")
        }
        if let control = firstControlCharacter(in: value) {
            let code = "U+" + String(control.value, radix: 16, uppercase: true)
            throw DomainError("\(what) \(quoted(value)) contains the control character \(code)")
        }
    }

    /// Whether `byte` is an ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Whether `byte` is an ASCII letter.
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    /// `count` with the noun, singular or plural: "1 decimal", "3 decimals".
    static func counted(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }
}
