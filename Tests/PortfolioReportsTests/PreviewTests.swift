import Foundation
import PortfolioCore
import PortfolioReports
import Testing

@Suite("HTML previews")
struct PreviewTests {
    /// Writes the sample dashboard and the small trends to `REPORT_HTML_DIR` (when set) for a screenshot:
    /// `REPORT_HTML_DIR=/tmp swift test --filter PreviewTests && Scripts/screenshot-report.sh /tmp/report.html`.
    @Test("the sample dashboard and the 0- and 1-point trend pages render, and are written out on request")
    func preview() throws {
        let rollup = try SampleData.rollup()
        let pages: [(String, String)] = [
            ("report.html", try HTMLRenderer().renderDashboard(
                sectors: Report(.sectors, of: rollup), statuses: Report(.statuses, of: rollup),
                lenders: Report(.lenders, of: rollup), progress: Report(.progress, of: rollup),
                trend: SampleData.trend()
            )),
            ("trend-0.html", HTMLRenderer().render(try Report(trend: [], currency: .usd, asOf: SampleData.asOf))),
            ("trend-1.html", HTMLRenderer().render(
                try Report(trend: Array(SampleData.trendPoints().prefix(1)), currency: .usd, asOf: SampleData.asOf)
            )),
        ]
        for (_, html) in pages {
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        }
        guard let folder = ProcessInfo.processInfo.environment["REPORT_HTML_DIR"] else { return }
        for (name, html) in pages {
            try html.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
    }
}
