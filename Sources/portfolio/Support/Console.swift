import CSV
import Foundation
import PortfolioService
import PortfolioCommandLine
import PortfolioCore
import PortfolioStore

/// Writing to the terminal: data to stdout, diagnostics to stderr.
enum Console {
    /// Writes text to stdout as is.
    ///
    /// - Throws: `OutputFailure` when stdout cannot take it (a full disk, a closed pipe).
    static func out(_ text: String) throws(OutputFailure) {
        if let code = DescriptorWriter.write(text, to: STDOUT_FILENO) {
            throw OutputFailure(target: "standard output", code: code)
        }
    }

    /// Writes one diagnostic line to stderr; a stderr that cannot be written is ignored, as
    /// there is nowhere left to say so.
    static func note(_ text: String) {
        _ = DescriptorWriter.write(text + "\n", to: STDERR_FILENO)
    }

    /// Whether stderr is a terminal (for progress lines).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Pretty, key-sorted JSON with a final newline. Keys are snake_case (`created_at`,
    /// `max_attempts`) in every document the CLI writes, as in its CSV headers.
    static func json<T: Encodable>(_ value: T) throws -> String {
        try JSONText.encode(value)
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
        _ = DescriptorWriter.write(line, to: STDERR_FILENO)
    }
}

extension Console {
    /// Rows as a JSON array of objects keyed by the header (values as strings).
    static func csvJSON(header: [String], rows: [[String]]) -> String {
        JSONText.objects(header: header, rows: rows)
    }
}
