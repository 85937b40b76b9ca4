import PortfolioCore

/// A column chart of a disbursement report as inline SVG: one column per period, its height the
/// period's disbursements (all keys together), with the period's repayments as a thinner
/// column beside it. `role="img"`, labelled with every figure.
struct DisbursementChartSVG {
    let report: DisbursementReport

    private static let width = 960
    private static let height = 260
    private static let left = 70
    private static let bottom = 36
    private static let top = 12

    /// Each period's disbursed and repaid sums, oldest first.
    var periods: [(start: LocalDate, disbursed: Int128, repaid: Int128)] {
        var sums: [LocalDate: (Int128, Int128)] = [:]
        for point in report.series.points {
            let sum = sums[point.start] ?? (0, 0)
            sums[point.start] = (sum.0 + point.disbursed, sum.1 + point.repaid)
        }
        return sums.keys.sorted().map { start in (start, sums[start]?.0 ?? 0, sums[start]?.1 ?? 0) }
    }

    /// The SVG element, or a short paragraph when there is nothing to chart.
    var svg: String {
        let periods = self.periods
        guard !periods.isEmpty else { return "<p class=\"empty\">No disbursements or repayments to chart.</p>\n" }
        let largest = periods.map { max($0.disbursed, $0.repaid) }.max() ?? 0
        let area = Self.width - Self.left - 10
        let slot = area * 10 / periods.count
        let plotHeight = Self.height - Self.top - Self.bottom
        let period = report.series.period
        var out = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(Self.width) \(Self.height)\" "
            + "aria-label=\"\(HTML.escape(summary))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        out += "<title>\(HTML.escape(summary))</title>\n"
        out += "<line class=\"grid\" x1=\"\(Self.left)\" y1=\"\(Self.height - Self.bottom)\" x2=\"\(Self.width - 10)\" "
            + "y2=\"\(Self.height - Self.bottom)\"/>\n"
        out += "<text class=\"axis\" x=\"\(Self.left - 8)\" y=\"\(Self.top + 4)\" text-anchor=\"end\">"
            + "\(HTML.escape(ReportText.compact(report.money(largest))))</text>\n"
        let labelEvery = max(1, (periods.count + 11) / 12)
        for (index, sum) in periods.enumerated() {
            let x = Self.left * 10 + index * slot
            let disbursedHeight = SVGGeometry.tenths(sum.disbursed, of: largest, length: plotHeight)
            let repaidHeight = SVGGeometry.tenths(sum.repaid, of: largest, length: plotHeight)
            let base = (Self.height - Self.bottom) * 10
            out += "<g>\n<title>\(HTML.escape(Self.describe(period.label(sum.start), sum.disbursed, sum.repaid, report)))</title>\n"
            if disbursedHeight > 0 {
                out += "<rect class=\"bar-counted\" x=\"\(SVGGeometry.number(x + slot / 10))\" y=\"\(SVGGeometry.number(base - disbursedHeight))\" "
                    + "width=\"\(SVGGeometry.number(slot * 5 / 10))\" height=\"\(SVGGeometry.number(disbursedHeight))\"/>\n"
            }
            if repaidHeight > 0 {
                out += "<rect class=\"bar-pipeline\" x=\"\(SVGGeometry.number(x + slot * 6 / 10))\" y=\"\(SVGGeometry.number(base - repaidHeight))\" "
                    + "width=\"\(SVGGeometry.number(slot * 3 / 10))\" height=\"\(SVGGeometry.number(repaidHeight))\"/>\n"
            }
            if index % labelEvery == 0 {
                out += "<text class=\"axis\" x=\"\(SVGGeometry.number(x + slot / 2))\" y=\"\(Self.height - Self.bottom + 18)\" "
                    + "text-anchor=\"middle\">\(HTML.escape(period.label(sum.start)))</text>\n"
            }
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }

    /// The figures in words: the text alternative of the chart.
    var summary: String {
        "Column chart, disbursements and repayments by \(report.series.period.rawValue) in \(report.currency.code) as of \(report.asOf): "
            + periods.map { Self.describe(report.series.period.label($0.start), $0.disbursed, $0.repaid, report) }.joined(separator: "; ") + "."
    }

    private static func describe(_ label: String, _ disbursed: Int128, _ repaid: Int128, _ report: DisbursementReport) -> String {
        "\(label): \(report.money(disbursed).formatted(grouping: true)) disbursed, \(report.money(repaid).formatted(grouping: true)) repaid"
    }
}
