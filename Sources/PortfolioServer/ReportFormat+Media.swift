import PortfolioReports

extension ReportFormat {
    /// The media type a report in this format is served as.
    var mediaType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .markdown: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .table: "text/plain; charset=utf-8"
        }
    }

    /// The format an `Accept` header asks for: the first media type it lists that a report is
    /// written in and `allowed` (parameters and weights aside), JSON for `*/*` or no header; nil
    /// when it lists none of them.
    static func accepted(_ header: String?, allowed: [ReportFormat] = ReportFormat.allCases) -> ReportFormat? {
        guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else { return .json }
        for item in header.split(separator: ",") {
            let type = item.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            let format: ReportFormat? = switch type {
            case "application/json", "*/*", "application/*": .json
            case "text/csv": .csv
            case "text/markdown": .markdown
            case "text/html": .html
            case "text/plain", "text/*": .table
            default: nil
            }
            if let format, allowed.contains(format) { return format }
        }
        return nil
    }
}
