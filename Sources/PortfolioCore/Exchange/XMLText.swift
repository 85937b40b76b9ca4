/// Escaping for XML 1.0 text and attribute values.
public enum XMLText {
    /// `text` with `&`, `<` and `>` escaped, and every character XML 1.0 does not allow (the
    /// control characters other than tab, newline and carriage return) replaced by U+FFFD.
    public static func text(_ text: String) -> String {
        escaped(text, quotes: false)
    }

    /// `text` escaped for a double-quoted attribute value; tab, newline and carriage return as
    /// character references, so a parser's normalisation keeps them.
    public static func attribute(_ text: String) -> String {
        escaped(text, quotes: true)
    }

    private static func escaped(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "\t" where quotes: out += "&#9;"
            case "\n" where quotes: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && !(0xFFFE...0xFFFF).contains(value)
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
