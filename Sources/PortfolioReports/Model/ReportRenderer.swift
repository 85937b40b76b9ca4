/// Writes a report as text in one format.
public protocol ReportRenderer: Sendable {
    /// The report as text, ending with a newline.
    func render(_ report: Report) -> String
}

extension Report {
    /// The report written in `format`.
    public func rendered(as format: ReportFormat) -> String {
        format.renderer.render(self)
    }
}
