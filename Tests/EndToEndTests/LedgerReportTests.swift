import Foundation
import Testing
import TestSupport

/// The ledger's columns in the sectors, statuses, lenders and progress reports, and the
/// disbursement series, end to end on the sample portfolio and its ledger.
@Suite("Ledger columns in reports and report disbursements, end to end")
struct LedgerReportTests {
    static let columns = ["committed", "disbursed", "undisbursed", "repaid", "outstanding"]

    /// A JSON member holding an amount with two decimals, in minor units.
    static func minor(_ object: [String: Any], _ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let text = try #require(object[key] as? String, "\(key) in \(object)", sourceLocation: sourceLocation)
        return try #require(Money.parse(text), "\(key): \(text)", sourceLocation: sourceLocation)
    }

    /// The financing report's totals (its last line) by column name.
    static func financingTotals(_ cli: PortfolioCLI, _ extra: [String] = []) async throws -> [String: Int] {
        let csv = try await cli.succeed(["report", "financing", "--format", "csv"] + extra).stdout
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let total = try #require(lines.last)
        #expect(total.first == "Total")
        var figures: [String: Int] = [:]
        for (name, cell) in zip(header, total) { figures[name] = Money.parse(cell) }
        return figures
    }

    @Test("today's financing report, read from the kept snapshot and the changes not yet folded, is the ledger summed up to now, in every format")
    func todayFromSnapshot() async throws {
        try await withSampleDatabase { _, cli in
            let worker = try await ExecutableRun.run("portfolio-worker", ["--once", "--http-address", "off"], environment: cli.environment)
            #expect(worker.status == 0, "\(worker.summary)")
            // Changes after the snapshot: a transaction in another currency and a status change.
            _ = try await cli.succeed(["fx", "set", "EUR", "2024-01-01", "1.10", "--quote", "USD"])
            _ = try await cli.succeed(["tx", "add", "ILL-EN-01", "--type", "repayment", "--lender", "Export-Import Bank of China",
                                       "--amount", "1,000,000.55", "--currency", "EUR", "--date", "2024-05-01"])
            _ = try await cli.succeed(["status", "set", "ILL-EN-05", "finished"])
            try await Task.sleep(for: .milliseconds(1100))
            // A moment after every change: what was recorded by then is all of it, summed afresh.
            let formatter = ISO8601DateFormatter()
            let now = formatter.string(from: Date())
            for currency in ["USD"] {
                for format in ["csv", "json", "markdown", "table"] {
                    let today = try await cli.succeed(["report", "financing", "--currency", currency, "--format", format]).stdout
                    let summed = try await cli.succeed(["report", "financing", "--currency", currency, "--format", format, "--as-recorded", now]).stdout
                    #expect(today == summed, "\(currency) \(format)")
                }
            }
            let repaid = try await Self.financingTotals(cli)["repaid"]
            // 1,000,000.55 EUR at 1.10 is 1,100,000.605 USD, half to even: 1,100,000.60.
            #expect(repaid == 82_262_000_000 + 110_000_060, "\(String(describing: repaid))")
        }
    }

    @Test("sectors, statuses, lenders and progress: every ledger column adds up to its total, and each total is the financing report's")
    func columnsReconcile() async throws {
        try await withSampleDatabase { _, cli in
            for dates in [[String](), ["--as-of", "2024-06-30"], ["--as-of", "2019-12-31"]] {
                let financing = try await Self.financingTotals(cli, dates)
                #expect((financing["disbursed"] ?? 0) > 0 || dates.last == "2019-12-31", "\(dates): \(financing)")
                for kind in ["sectors", "statuses", "lenders", "progress"] {
                    let report = try jsonObject(try await cli.succeed(["report", kind, "--format", "json"] + dates).stdout)
                    let rows = try #require(report["rows"] as? [[String: Any]])
                    let total = try #require(report["total"] as? [String: Any])
                    for column in Self.columns {
                        let sum = try rows.reduce(0) { $0 + (try Self.minor($1, column)) }
                        #expect(sum == (try Self.minor(total, column)), "\(kind) \(dates) \(column)")
                        #expect((try Self.minor(total, column)) == financing[column], "\(kind) \(dates) \(column) against report financing")
                    }
                    #expect(total["disbursed_ratio"] != nil)
                    if kind == "progress" {
                        #expect((try Self.minor(report, "disbursed")) == financing["disbursed"])
                    }
                }
            }
            let table = try await cli.succeed(["report", "sectors"]).stdout
            #expect(table.contains("DISBURSED %"))
            let csvHeader = try await cli.succeed(["report", "statuses", "--format", "csv"]).stdout.split(separator: "\n").first
            #expect(csvHeader == "status,projects,value,counted,share,committed,disbursed,undisbursed,repaid,outstanding,disbursed_ratio")
            let progress = try await cli.succeed(["report", "progress"]).stdout
            #expect(progress.contains("disbursed "), "\(progress)")
            let html = try await cli.succeed(["report", "progress", "--format", "html"]).stdout
            #expect(html.contains("<div class=\"label\">Disbursed</div>"))
        }
    }

    @Test("report disbursements: every period and key adds up to the financing report's disbursed and repaid; cumulative figures run on; --from keeps them")
    func disbursementSeries() async throws {
        try await withSampleDatabase { _, cli in
            let financing = try await Self.financingTotals(cli)
            var quarterly: [[String: Any]] = []
            for (period, by) in [("quarter", "sector"), ("month", "lender"), ("quarter", "lender"), ("month", "sector")] {
                let report = try jsonObject(try await cli.succeed(["report", "disbursements", "--period", period, "--by", by, "--format", "json"]).stdout)
                let rows = try #require(report["rows"] as? [[String: Any]])
                #expect(!rows.isEmpty)
                let disbursed = try rows.reduce(0) { $0 + (try Self.minor($1, "disbursed")) }
                let repaid = try rows.reduce(0) { $0 + (try Self.minor($1, "repaid")) }
                #expect(disbursed == financing["disbursed"], "\(period) by \(by)")
                #expect(repaid == financing["repaid"], "\(period) by \(by)")
                // Each key's last cumulative figure is its whole disbursed amount.
                var last: [String: Int] = [:]
                var perKey: [String: Int] = [:]
                for row in rows {
                    let key = try #require(row[by] as? String)
                    perKey[key, default: 0] += try Self.minor(row, "disbursed")
                    last[key] = try Self.minor(row, "cumulative_disbursed")
                    #expect(last[key] == perKey[key], "\(period) by \(by): \(row)")
                }
                let starts = rows.compactMap { $0["start"] as? String }
                #expect(starts == starts.sorted())
                if period == "quarter" && by == "sector" { quarterly = rows }
            }
            // --from drops earlier periods but their amounts stay in the cumulative columns.
            let cut = "2025-01-01"
            let later = try jsonObject(try await cli.succeed(["report", "disbursements", "--from", "2025-02-15", "--format", "json"]).stdout)
            let laterRows = try #require(later["rows"] as? [[String: Any]])
            let expected = quarterly.filter { ($0["start"] as? String ?? "") >= cut }
            #expect(laterRows.count == expected.count)
            for (left, right) in zip(laterRows, expected) {
                #expect(left["cumulative_disbursed"] as? String == right["cumulative_disbursed"] as? String)
            }
            let csv = try await cli.succeed(["report", "disbursements", "--period", "month", "--format", "csv"]).stdout
            #expect(csv.hasPrefix("period,start,sector,disbursed,repaid,net,cumulative_disbursed,cumulative_repaid\n"))
            let html = try await cli.succeed(["report", "disbursements", "--format", "html"]).stdout
            #expect(html.contains("<svg class=\"chart\" role=\"img\""))
            #expect(html.contains("Column chart, disbursements and repayments by quarter"))
            let markdown = try await cli.succeed(["report", "disbursements", "--format", "markdown"]).stdout
            #expect(markdown.hasPrefix("## Disbursements by quarter and sector"))

            // Before any transaction: an empty series, not an error.
            let empty = try await cli.succeed(["report", "disbursements", "--as-of", "1999-12-31"]).stdout
            #expect(empty.contains("(no disbursements or repayments)"))
            for flags in [["report", "sectors", "--period", "month"], ["report", "lenders", "--by", "lender"],
                          ["report", "progress", "--from", "2024-01-01"], ["report", "disbursements", "--from", "2024-13-01"],
                          ["report", "disbursements", "--period", "week"]] {
                let run = try await cli.run(flags)
                #expect(run.status == 64 || run.status == 65, "\(flags): \(run.summary)")
                #expect(run.stderrLines.count == 1, "\(flags): \(run.summary)")
                #expect(run.stdout.isEmpty)
            }
        }
    }
}
