import PortfolioCore

/// A horizontal bar chart of a breakdown report as inline SVG: one bar per row, its counted part
/// darker, labelled with a short amount and the share. The chart is `role="img"` with a label
/// that lists every figure.
struct BarChartSVG {
    let report: Report

    private static let width = 960
    private static let labelWidth = 290
    private static let valueWidth = 170
    private static let rowHeight = 34
    private static let barHeight = 20
    private static let top = 6
    private static let labelLimit = 40

    /// The SVG element, or a short paragraph when there are no rows.
    var svg: String {
        guard !report.rows.isEmpty else {
            return "<p class=\"empty\">No projects to chart.</p>\n"
        }
        let barArea = Self.width - Self.labelWidth - Self.valueWidth
        let largest = report.rows.map(\.value.minorUnits).max() ?? 0
        let height = Self.top * 2 + report.rows.count * Self.rowHeight
        var out = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(Self.width) \(height)\" "
            + "aria-label=\"\(HTML.escape(summary))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        out += "<title>\(HTML.escape(summary))</title>\n"
        for (index, row) in report.rows.enumerated() {
            let rowTop = Self.top + index * Self.rowHeight
            let barTop = rowTop + (Self.rowHeight - Self.barHeight) / 2
            let middle = rowTop * 10 + Self.rowHeight * 5
            let valueWidth = SVGGeometry.tenths(row.value.minorUnits, of: largest, length: barArea)
            let countedWidth = SVGGeometry.tenths(row.counted.minorUnits, of: largest, length: barArea)
            let x = Self.labelWidth * 10
            out += "<g>\n<title>\(HTML.escape(Self.describe(row)))</title>\n"
            out += "<text class=\"label\" x=\"\(Self.labelWidth - 12)\" y=\"\(SVGGeometry.number(middle))\" "
                + "text-anchor=\"end\" dominant-baseline=\"central\">"
                + HTML.escape(HTML.shortened(row.key, to: Self.labelLimit)) + "</text>\n"
            out += "<rect class=\"track\" x=\"\(Self.labelWidth)\" y=\"\(barTop)\" width=\"\(barArea)\" "
                + "height=\"\(Self.barHeight)\" rx=\"3\"/>\n"
            if valueWidth > 0 {
                out += "<rect class=\"bar-rest\" x=\"\(Self.labelWidth)\" y=\"\(barTop)\" "
                    + "width=\"\(SVGGeometry.number(valueWidth))\" height=\"\(Self.barHeight)\" rx=\"3\"/>\n"
            }
            if countedWidth > 0 {
                out += "<rect class=\"bar-counted\" x=\"\(Self.labelWidth)\" y=\"\(barTop)\" "
                    + "width=\"\(SVGGeometry.number(countedWidth))\" height=\"\(Self.barHeight)\" rx=\"3\"/>\n"
            }
            out += "<text class=\"figure\" x=\"\(SVGGeometry.number(x + barArea * 10 + 120))\" "
                + "y=\"\(SVGGeometry.number(middle))\" dominant-baseline=\"central\">"
                + "\(HTML.escape(ReportText.compact(row.value)))"
                + "<tspan class=\"share\" dx=\"8\">\(row.share.percentText)</tspan></text>\n"
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }

    /// The figures in words: the text alternative of the chart.
    var summary: String {
        let items = report.rows.map { Self.describe($0) }
        return "Bar chart, \(report.kind.title.lowercased()) in \(report.currency.code) as of \(report.asOf): "
            + items.joined(separator: "; ") + "."
    }

    private static func describe(_ row: ReportRow) -> String {
        let projects = row.projects == 1 ? "1 project" : "\(row.projects) projects"
        return "\(row.key): \(row.value) (\(row.share.percentText)), \(row.counted.formatted(grouping: true)) counted, \(projects)"
    }
}
