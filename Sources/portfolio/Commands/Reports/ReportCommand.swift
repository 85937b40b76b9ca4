import ArgumentParser
import Foundation
import Postgres
import PortfolioCore
import PortfolioReports
import PortfolioStore

/// `portfolio report sectors|statuses|lenders|progress|trend|financing`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report the portfolio by sector, status or lender, its progress against the target, its trend, or each lender's financing.",
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
            Examples:
              portfolio report progress
              portfolio report sectors --format markdown
              portfolio report lenders --as-of 2020-12-31 --format csv
              portfolio report sectors --format html --output report.html
              portfolio report financing --as-of 2025-12-31 --format csv
              portfolio report sectors --as-recorded 2026-03-31
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "sectors, statuses, lenders, progress, trend or financing.") var kind: Kind
    @Option(name: .customLong("as-of"), help: "The date to report on (YYYY-MM-DD); today if omitted.") var asOf: String?
    @Option(name: .customLong("as-recorded"), help: "Report only what was recorded by this time (ISO 8601, or a date: its end, UTC).")
    var asRecorded: String?
    @Option(help: "Reporting currency (default: the target's).") var currency: String?
    @Option(help: "table, csv, json, markdown or html.") var format: ReportFormat = .table
    @Option(help: "Write to this file instead of stdout.") var output: String?

    func run() throws {
        let today = LocalDate.today()
        let recordedBy = try asRecorded.map { text in try checked("--as-recorded") { try RecordingTime.parse(text) } }
        let date = try asOf.map { text in try checked("--as-of") { try LocalDate.parse(text) } }
            ?? recordedBy.map { LocalDate($0) } ?? today
        let reporting = try currency.map { code in try checked("--currency") { try Currency(code: code) } }
        guard let rollupKind = ReportKind(rawValue: kind.rawValue) else {
            if format == .html { throw InputError.invalid("--format", "the financing report is written as table, csv, json or markdown") }
            let connection = try database.connect()
            defer { connection.close() }
            try ReportCommand.write(try ReportCommand.financing(asOf: date, currency: reporting, recordedBy: recordedBy, format: format,
                                                                connection: connection), to: output)
            return
        }
        let connection = try database.connect()
        defer { connection.close() }
        let text = try ReportCommand.render(rollupKind, format: format, asOf: date, today: today, currency: reporting,
                                            recordedBy: recordedBy, connection: connection)
        try ReportCommand.write(text, to: output)
    }

    /// What can be reported: a rollup's reports, and the ledger's financing by lender.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case sectors, statuses, lenders, progress, trend, financing
    }

    /// The financing report in `format` (not HTML).
    static func financing(asOf date: LocalDate, currency: Currency?, recordedBy: Date?, format: ReportFormat,
                          connection: Connection) throws -> String {
        let (quote, rows) = try LedgerStore(connection).financing(asOf: date, currency: currency, recordedBy: recordedBy)
        let report = FinancingReport(asOf: date, currency: quote, lenders: rows)
        switch format {
        case .csv: return Console.csv(header: FinancingReport.header, rows: report.cells)
        case .json: return Console.csvJSON(header: FinancingReport.header, rows: report.cells)
        case .markdown: return report.markdown()
        case .table, .html: return report.table()
        }
    }

    /// Builds and renders a report (the whole dashboard for HTML).
    static func render(_ kind: ReportKind, format: ReportFormat, asOf date: LocalDate, today: LocalDate,
                       currency: Currency?, recordedBy: Date? = nil, connection: Connection) throws -> String {
        // The figures and the trend are read in one REPEATABLE READ transaction, so from one
        // view; today's figures are one statement as well (see `RollupStore.current`). Reads
        // alone never fail to serialize, so there is nothing to retry.
        let (rollup, trend) = try connection.transaction(isolation: .repeatableRead) { c in
            let store = RollupStore(c)
            let rollup = try date >= today && recordedBy == nil
                ? store.current(asOf: date, currency: currency) : store.rebuilt(asOf: date, currency: currency, recordedBy: recordedBy)
            return (rollup, try trendReport(store, currency: rollup.currency, asOf: date, recordedBy: recordedBy))
        }
        do {
            if format == .html {
                return HTMLRenderer().renderDashboard(
                    sectors: try Report(.sectors, of: rollup), statuses: try Report(.statuses, of: rollup),
                    lenders: try Report(.lenders, of: rollup), progress: try Report(.progress, of: rollup), trend: trend)
            }
            let report = kind == .trend ? trend : try Report(kind, of: rollup)
            return report.rendered(as: format)
        } catch {
            throw StoreError.invalid("the report cannot be built: \(error.message)")
        }
    }

    /// The snapshots up to `asOf` in `currency`, oldest first.
    static func trendReport(_ store: RollupStore, currency: Currency, asOf: LocalDate, recordedBy: Date? = nil) throws -> Report {
        let points = try store.trend().filter { snapshot in
            snapshot.rollup.currency == currency && snapshot.rollup.asOf <= asOf && recordedBy.map { snapshot.takenAt <= $0 } ?? true
        }.map { snapshot in
            do {
                return try TrendPoint(takenAt: snapshot.takenAt, asOf: snapshot.rollup.asOf, trigger: snapshot.trigger,
                                      total: snapshot.rollup.total, counted: snapshot.rollup.counted,
                                      target: snapshot.rollup.target, projectCount: snapshot.rollup.projectCount)
            } catch {
                throw StoreError.invalid("rollup snapshot \(snapshot.id) cannot be charted: \(error)")
            }
        }
        do {
            return try Report(trend: points, currency: currency, asOf: asOf)
        } catch {
            throw StoreError.invalid("the trend cannot be built: \(error)")
        }
    }

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
extension ReportFormat: ExpressibleByArgument {}
