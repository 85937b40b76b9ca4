/// Writes CSV records as text with `\n` line ends, quoting only the fields that need it.
public struct CSVWriter: Hashable, Sendable {
    /// The text written so far.
    public private(set) var output: String = ""

    /// Creates an empty writer.
    public init() {}

    /// Appends one record and its line end.
    public mutating func write(_ fields: [String]) {
        output += Self.line(fields)
    }

    /// One record as a line ending in `\n`.
    ///
    /// A record of a single empty field is written `""`, since an empty line would be skipped
    /// on reading. A record with no fields is written the same way.
    public static func line(_ fields: [String]) -> String {
        if fields.count <= 1 && (fields.first ?? "").isEmpty {
            return "\"\"\n"
        }
        return fields.map(escape).joined(separator: ",") + "\n"
    }

    /// The field, quoted with inner quotes doubled if it holds a comma, quote, CR or LF,
    /// or starts or ends with a space or tab; otherwise unchanged.
    public static func escape(_ field: String) -> String {
        guard needsQuoting(field) else { return field }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in field.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// Whether `escape(_:)` would quote the field.
    public static func needsQuoting(_ field: String) -> Bool {
        let special = field.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n")
        }
        if special { return true }
        let edges: [UInt8] = [UInt8(ascii: " "), UInt8(ascii: "\t")]
        if let first = field.utf8.first, edges.contains(first) { return true }
        if let last = field.utf8.last, edges.contains(last) { return true }
        // A leading byte-order mark would be taken for the file's own and dropped on reading.
        if field.unicodeScalars.first == "\u{FEFF}" { return true }
        return false
    }
}
