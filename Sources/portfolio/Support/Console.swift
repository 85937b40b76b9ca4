import Foundation
import PortfolioCore

/// Writing to the terminal: data to stdout, diagnostics to stderr.
enum Console {
    /// Writes text to stdout as is.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes one diagnostic line to stderr.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Whether stderr is a terminal (for progress lines).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Pretty, key-sorted JSON with a final newline.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// CSV text for a header and rows.
    static func csv(header: [String], rows: [[String]]) -> String {
        var writer = CSVWriter()
        writer.write(header)
        for row in rows { writer.write(row) }
        return writer.output
    }
}

extension Console {
    /// Rewrites a progress line on a terminal's stderr; nil clears it.
    static func progress(_ text: String?) {
        let line = text.map { "\r\u{1B}[2K\($0)" } ?? "\r\u{1B}[2K"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

extension Console {
    /// Rows as a JSON array of objects keyed by the header (values as strings).
    static func csvJSON(header: [String], rows: [[String]]) -> String {
        let objects = rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        return (try? json(objects)) ?? "[]\n"
    }
}
