import ArgumentParser
import Foundation
import Postgres
import PortfolioCore
import PortfolioReports
import PortfolioService
import PortfolioStore

/// `portfolio report sectors|statuses|lenders|progress|trend|financing`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report the portfolio by sector, status or lender, its progress against the target, its trend, each lender's financing, or disbursements over time.",
        discussion: """
            --as-of rebuilds the portfolio on that date from the history of every field: each change
            counts from its effective date (see 'project update --help').
            --as-recorded T reports what the tracker would have reported at T (a timestamp such as
            2026-03-31T18:00:00Z, or a date meaning the end of that day, UTC): only history and
            transactions recorded by then count, so published figures can be reproduced after
            later corrections. Without --as-of it reports as of T's date.
            --format html writes one self-contained page with every chart and table.
            financing adds up the ledger ('portfolio tx') per lender: committed, disbursed,
            undisbursed, over-disbursed, repaid, outstanding, interest and the disbursed share,
            each transaction converted at the rate of its value date (table, csv, json, markdown).
            sectors, statuses, lenders and progress carry the same ledger columns per row
            (committed, disbursed, undisbursed, repaid, outstanding, disbursed share), and progress
            the amount disbursed against the target.
            disbursements gives disbursed and repaid amounts per --period (month or quarter) and
            per sector or lender (--by), with cumulative figures; --from leaves out earlier
            periods; --format html charts it.
            Examples:
              portfolio report progress
              portfolio report sectors --format markdown
              portfolio report lenders --as-of 2020-12-31 --format csv
              portfolio report sectors --format html --output report.html
              portfolio report financing --as-of 2025-12-31 --format csv
              portfolio report sectors --as-recorded 2026-03-31
              portfolio report disbursements --period month --by lender --from 2024-01-01
            """
    )

    @OptionGroup var database: ReadDatabaseOptions
    @Argument(help: "sectors, statuses, lenders, progress, trend, financing or disbursements.") var kind: Kind
    @Option(name: .customLong("as-of"), help: "The date to report on (YYYY-MM-DD); today if omitted.") var asOf: String?
    @Option(name: .customLong("as-recorded"), help: "Report only what was recorded by this time (ISO 8601, or a date: its end, UTC).")
    var asRecorded: String?
    @Option(help: "Reporting currency (default: the target's).") var currency: String?
    @Option(help: "table, csv, json, markdown or html.") var format: ReportFormat = .table
    @Option(help: "Write to this file instead of stdout.") var output: String?
    @Option(help: "disbursements: month or quarter (default: quarter).") var period: LedgerPeriod?
    @Option(help: "disbursements: sector or lender (default: sector).") var by: SeriesKey?
    @Option(help: "disbursements: leave out periods before this date's (YYYY-MM-DD).") var from: String?

    func run() throws {
        let recordedBy = try asRecorded.map { text in try checked("--as-recorded") { try RecordingTime.parse(text) } }
        let date = try asOf.map { text in try checked("--as-of") { try LocalDate.parse(text) } }
        let reporting = try currency.map { code in try checked("--currency") { try Currency(code: code) } }
        do {
            try ReportRequest.check(kind: kind, format: format, given: [period.map { _ in "period" }, by.map { _ in "by" },
                                                                       from.map { _ in "from" }].compactMap { $0 }) { "--" + $0 }
        } catch {
            throw InputError.invalid(error.option, error.message)
        }
        let start = try from.map { text in try checked("--from") { try LocalDate.parse(text) } }
        let request = ReportRequest(kind: kind, format: format, asOf: date, recordedBy: recordedBy, currency: reporting,
                                    period: period, by: by, from: start)
        let connection = try database.connectForReading()
        defer { connection.close() }
        try ReportCommand.write(try ReportService(connection).render(request), to: output)
    }

    typealias Kind = ReportRequest.Kind
    typealias SeriesKey = ReportRequest.SeriesKey

    static func write(_ text: String, to output: String?) throws {
        guard let output else {
            try Console.out(text)
            return
        }
        try OutputFile.write(text, to: output)
        Console.note("wrote \(output)")
    }
}

extension ReportKind: ExpressibleByArgument {}
extension ReportRequest.Kind: ExpressibleByArgument {}
extension ReportRequest.SeriesKey: ExpressibleByArgument {}
extension LedgerPeriod: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
