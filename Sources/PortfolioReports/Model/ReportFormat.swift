/// How a report is written out.
public enum ReportFormat: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Aligned plain text for terminals.
    case table
    /// Comma-separated values with exact decimals, for spreadsheets.
    case csv
    /// Pretty-printed JSON with sorted keys; money as exact decimal strings.
    case json
    /// A GitHub-flavoured Markdown table.
    case markdown
    /// One self-contained HTML page with SVG charts.
    case html

    /// The lower-case name, such as `csv`.
    public var description: String { rawValue }

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .table: "txt"
        case .csv: "csv"
        case .json: "json"
        case .markdown: "md"
        case .html: "html"
        }
    }

    /// The renderer for this format.
    public var renderer: any ReportRenderer {
        switch self {
        case .table: TableRenderer()
        case .csv: CSVRenderer()
        case .json: JSONRenderer()
        case .markdown: MarkdownRenderer()
        case .html: HTMLRenderer()
        }
    }
}
