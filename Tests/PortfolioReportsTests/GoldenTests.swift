import PortfolioCore
import PortfolioReports
import Testing

@Suite("Golden reports of the sample portfolio")
struct GoldenTests {
    @Test("every rollup report in every format matches its golden file", arguments:
        [ReportKind.sectors, .statuses, .lenders, .progress], ReportFormat.allCases)
    func rollupReport(kind: ReportKind, format: ReportFormat) throws {
        let report = try SampleData.report(kind)
        try Golden.check(report.rendered(as: format), against: "\(kind).\(format.fileExtension)")
    }

    @Test("the trend of three snapshots in every format matches its golden file", arguments: ReportFormat.allCases)
    func trend(format: ReportFormat) throws {
        try Golden.check(SampleData.trend().rendered(as: format), against: "trend.\(format.fileExtension)")
    }

    @Test("the HTML dashboard matches its golden file")
    func dashboard() throws {
        let rollup = try SampleData.rollup()
        let html = try HTMLRenderer().renderDashboard(
            sectors: Report(.sectors, of: rollup), statuses: Report(.statuses, of: rollup),
            lenders: Report(.lenders, of: rollup), progress: Report(.progress, of: rollup),
            trend: SampleData.trend()
        )
        try Golden.check(html, against: "dashboard.html")
    }
}
