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
    /// written in (parameters and weights aside), JSON for `*/*` or no header; nil when it
    /// lists none of them.
    static func accepted(_ header: String?) -> ReportFormat? {
        guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else { return .json }
        for item in header.split(separator: ",") {
            let type = item.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            switch type {
            case "application/json", "*/*", "application/*": return .json
            case "text/csv": return .csv
            case "text/markdown": return .markdown
            case "text/html": return .html
            case "text/plain", "text/*": return .table
            default: continue
            }
        }
        return nil
    }
}
