import CSV
import Foundation
import PortfolioCore
import PortfolioReports
import Testing

@Suite("Renderers")
struct RendererTests {
    /// A small rollup with a lender whose name is markup, so escaping can be checked.
    static func hostileRollup() throws -> Rollup {
        let usd = { (units: Int128) in Money(minorUnits: units, currency: .usd) }
        return try Rollup(
            asOf: SampleData.asOf, currency: .usd, target: usd(1_000_00),
            bySector: [RollupRow(key: "energy", projects: 2, value: usd(300_00), counted: usd(200_00))],
            byStatus: [
                RollupRow(key: "ongoing", projects: 1, value: usd(200_00), counted: usd(200_00)),
                RollupRow(key: "pledged", projects: 1, value: usd(100_00), counted: usd(0)),
            ],
            byLender: [
                RollupRow(key: "<script>&\"x\"", projects: 2, value: usd(250_00), counted: usd(150_00)),
                RollupRow(key: "=Bank | 'A'", projects: 1, value: usd(50_00), counted: usd(50_00)),
            ]
        )
    }

    @Test("JSON parses back with strings for money, numbers for shares and integers for counts",
          arguments: [ReportKind.sectors, .statuses, .lenders, .progress])
    func jsonTypes(kind: ReportKind) throws {
        let report = try SampleData.report(kind)
        let data = Data(report.rendered(as: .json).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["report"] as? String == kind.rawValue)
        #expect(object["as_of"] as? String == "2026-11-29")
        #expect(object["currency"] as? String == "USD")
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == report.rows.count)
        for row in rows {
            #expect(row["key"] is String)
            #expect(row["projects"] is Int)
            #expect(row["value"] is String)
            #expect(row["counted"] is String)
            #expect(row["share"] is NSNumber && !(row["share"] is String))
        }
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["value"] as? String == "8000000000.00")
        #expect(total["projects"] as? Int == 32)
        if kind == .progress {
            #expect(object["target"] as? String == "8000000000.00")
            #expect(object["counted"] as? String == "7835400000.00")
            #expect(object["pledged"] as? String == "164600000.00")
            #expect(object["suspended"] as? String == "0.00")
            #expect(object["cancelled"] as? String == "0.00")
            #expect((object["progress"] as? NSNumber)?.decimalValue == Decimal(string: "0.979425"))
        } else {
            #expect(object["progress"] == nil)
        }
    }

    @Test("trend JSON rows are snapshots with ISO 8601 times and a numeric progress")
    func trendJSON() throws {
        let data = Data(try SampleData.trend().rendered(as: .json).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.map { $0["taken_at"] as? String } == ["2026-09-30T02:00:00Z", "2026-10-31T02:15:30Z", "2026-11-29T02:00:00Z"])
        #expect(rows.map { $0["trigger"] as? String } == ["periodic", "change", "manual"])
        #expect(rows.allSatisfy { $0["projects"] is Int && $0["total"] is String && $0["target"] is String })
        #expect((rows.last?["progress"] as? NSNumber)?.decimalValue == Decimal(string: "0.979425"))
    }

    @Test("CSV rows add up exactly to the total row", arguments: [ReportKind.sectors, .statuses, .lenders, .progress])
    func csvSums(kind: ReportKind) throws {
        let text = try SampleData.report(kind).rendered(as: .csv)
        let records = try CSVReader(string: text).map { try $0.get().fields }
        let header = try #require(records.first)
        let valueColumn = try #require(header.firstIndex(of: "value"))
        let body = records.dropFirst().dropLast()
        let total = try #require(records.last)
        #expect(total.first == "total")
        let sum = try Money.sum(body.map { try Money.parse($0[valueColumn], currency: .usd) }, in: .usd)
        #expect(sum == (try Money.parse(total[valueColumn], currency: .usd)))
        if let countedColumn = header.firstIndex(of: "counted") {
            let counted = try Money.sum(body.map { try Money.parse($0[countedColumn], currency: .usd) }, in: .usd)
            #expect(counted == (try Money.parse(total[countedColumn], currency: .usd)))
        }
        if kind != .lenders {
            #expect(body.map { Int($0[1]) ?? -1 }.reduce(0, +) == Int(total[1]))
        }
    }

    @Test("HTML escapes a lender named like markup, everywhere it appears")
    func htmlEscapes() throws {
        let rollup = try Self.hostileRollup()
        let lenders = try Report(.lenders, of: rollup)
        let pages = [
            HTMLRenderer().render(lenders),
            try HTMLRenderer().renderDashboard(
                sectors: Report(.sectors, of: rollup), statuses: Report(.statuses, of: rollup), lenders: lenders,
                progress: Report(.progress, of: rollup), trend: nil
            ),
        ]
        for html in pages {
            #expect(!html.contains("<script"))
            #expect(!html.contains("&\"x"))
            #expect(html.contains("&lt;script&gt;&amp;&quot;x&quot;"))
            #expect(html.contains("=Bank | &#39;A&#39;"))
        }
    }

    @Test("Markdown escapes table-breaking text and CSV quotes it and defuses formulas")
    func otherEscapes() throws {
        let lenders = try Report(.lenders, of: Self.hostileRollup())
        let markdown = lenders.rendered(as: .markdown)
        #expect(markdown.contains("| \\<script\\>\\&\"x\" |"))
        #expect(markdown.contains("| =Bank \\| 'A' |"))
        let csv = lenders.rendered(as: .csv)
        #expect(csv.contains("\"<script>&\"\"x\"\"\",2,250.00,150.00,0.833333\n"))
        #expect(csv.contains("'=Bank | 'A',1,50.00,50.00,0.166667\n"))
        let fields = try CSVReader(string: csv).map { try $0.get().fields }
        #expect(fields[1][0] == "<script>&\"x\"")
    }

    @Test("the progress table shows a text bar against the target")
    func progressBar() throws {
        let table = try SampleData.report(.progress).rendered(as: .table)
        #expect(table.contains("progress  [###################-] 97.94%"))
        let half = try Report(.progress, of: Self.hostileRollup()).rendered(as: .table)
        #expect(half.contains("progress  [####----------------] 20.00%"))
    }

    @Test("a trend with no points or one point renders cleanly", arguments: [0, 1])
    func smallTrends(count: Int) throws {
        let points = Array(try SampleData.trendPoints().prefix(count))
        let report = try Report(trend: points, currency: .usd, asOf: SampleData.asOf)
        let html = HTMLRenderer().render(report)
        if count == 0 {
            #expect(html.contains("No snapshots yet"))
            #expect(!html.contains("<polyline"))
            #expect(report.rendered(as: .table).hasSuffix("(no snapshots)\n"))
            #expect(report.rendered(as: .json).contains("\"rows\": []"))
        } else {
            #expect(html.contains("role=\"img\""))
            #expect(html.contains("Line chart with one snapshot, 2026-11-29"))
            #expect(html.components(separatedBy: "<circle").count == 3)
            #expect(html.firstMatch(of: /="(-?nan|NaN|-?inf)"/) == nil)
        }
        for format in ReportFormat.allCases {
            #expect(report.rendered(as: format).hasSuffix("\n"))
        }
    }

    @Test("every chart of the dashboard has a text alternative and the page fetches nothing")
    func dashboardAccessibleAndOffline() throws {
        let rollup = try SampleData.rollup()
        let html = try HTMLRenderer().renderDashboard(
            sectors: Report(.sectors, of: rollup), statuses: Report(.statuses, of: rollup),
            lenders: Report(.lenders, of: rollup), progress: Report(.progress, of: rollup), trend: SampleData.trend()
        )
        let charts = html.components(separatedBy: "<svg").count - 1
        #expect(charts == 5)
        #expect(html.components(separatedBy: "role=\"img\" viewBox").count - 1 == charts)
        #expect(html.components(separatedBy: "aria-label=\"").count - 1 >= charts)
        #expect(html.components(separatedBy: "<table>").count - 1 == 5)
        for forbidden in ["<script", "http://", "https://", "@import", "url(", "<link", "<img"] {
            let hits = html.components(separatedBy: forbidden).count - 1
            let allowed = forbidden == "http://" ? charts : 0
            #expect(hits == allowed, "\(forbidden) appears \(hits) times")
        }
        #expect(html.contains("Export-Import Bank of China: "))
    }
}
