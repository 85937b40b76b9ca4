import PortfolioCore

extension HTMLRenderer {
    /// A page with the disbursement report: its column chart and the table of every point.
    public func render(_ report: DisbursementReport) -> String {
        var body = "<section class=\"card\" id=\"report-disbursements\" aria-labelledby=\"report-disbursements-title\">\n"
        body += "<h2 id=\"report-disbursements-title\">\(HTML.escape(report.title))</h2>\n"
        body += "<p class=\"lede\">Disbursed and repaid amounts in each \(report.series.period.rawValue), "
            + "each transaction converted at the rate of its value date.</p>\n"
        body += "<figure>\n" + DisbursementChartSVG(report: report).svg
        body += Self.legend([("counted", "Disbursed"), ("pipeline", "Repaid")]) + "</figure>\n"
        body += "<div class=\"table-wrap\">\n<table>\n<caption>\(HTML.escape(report.title))</caption>\n<thead><tr>"
        let titles = ["Period", report.keyName.prefix(1).uppercased() + report.keyName.dropFirst(), "Disbursed", "Repaid", "Net",
                      "Cumulative disbursed", "Cumulative repaid"]
        for (index, title) in titles.enumerated() {
            body += "<th scope=\"col\"\(index > 1 ? " class=\"num\"" : "")>\(HTML.escape(title))</th>"
        }
        body += "</tr></thead>\n<tbody>\n"
        for row in report.cells(grouping: true) {
            body += "<tr><td class=\"nowrap\">\(HTML.escape(row[0]))</td><td>\(HTML.escape(row[2]))</td>"
                + row[3...].map { "<td class=\"num\">\(HTML.escape($0))</td>" }.joined() + "</tr>\n"
        }
        let (disbursed, repaid) = report.totals
        body += "</tbody>\n<tfoot><tr><td>Total</td><td></td>"
            + [disbursed, repaid, report.money(disbursed.minorUnits - repaid.minorUnits)]
            .map { "<td class=\"num\">\(HTML.escape($0.formatted(grouping: true)))</td>" }.joined()
            + "<td></td><td></td></tr></tfoot>\n</table>\n</div>\n</section>\n"
        return Self.page(title: "Disbursements — portfolio report", heading: "Disbursements",
                         meta: "As of \(report.asOf) · amounts in \(report.currency.code)", body: body)
    }
}
