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

    @OptionGroup var database: DatabaseOptions
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
        let today = LocalDate.today()
        let recordedBy = try asRecorded.map { text in try checked("--as-recorded") { try RecordingTime.parse(text) } }
        let date = try asOf.map { text in try checked("--as-of") { try LocalDate.parse(text) } }
            ?? recordedBy.map { LocalDate($0) } ?? today
        let reporting = try currency.map { code in try checked("--currency") { try Currency(code: code) } }
        if kind != .disbursements {
            for (flag, given) in [("--period", period != nil), ("--by", by != nil), ("--from", from != nil)] where given {
                throw InputError.invalid(flag, "only the disbursements report takes \(flag)")
            }
        }
        if kind == .disbursements {
            let start = try from.map { text in try checked("--from") { try LocalDate.parse(text) } }
            let connection = try database.connect()
            defer { connection.close() }
            let (quote, series) = try LedgerStore(connection).disbursements(
                asOf: date, currency: reporting, recordedBy: recordedBy, period: period ?? .quarter, by: (by ?? .sector).breakdown, from: start)
            let report = DisbursementReport(asOf: date, currency: quote, keyName: (by ?? .sector).rawValue, series: series)
            try ReportCommand.write(report.rendered(as: format), to: output)
            return
        }
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
        case sectors, statuses, lenders, progress, trend, financing, disbursements
    }

    /// What a disbursement series is broken down by.
    enum SeriesKey: String, ExpressibleByArgument, CaseIterable {
        case sector, lender

        var breakdown: FinancingBreakdown { self == .sector ? .sector : .lender }
    }

    /// The financing report in `format` (not HTML).
    static func financing(asOf date: LocalDate, currency: Currency?, recordedBy: Date?, format: ReportFormat,
                          connection: Connection) throws -> String {
        let (quote, rows) = try LedgerStore(connection).financing(asOf: date, currency: currency, recordedBy: recordedBy)
        let report = FinancingReport(asOf: date, currency: quote, lenders: rows)
        switch format {
        case .csv: return report.csv()
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
        // The ledger's columns are read in the same transaction, from the same view.
        let kinds: [ReportKind] = format == .html ? [.sectors, .statuses, .lenders, .progress] : kind == .trend ? [] : [kind]
        let (rollup, trend, ledger) = try connection.transaction(isolation: .repeatableRead) { c in
            let store = RollupStore(c)
            let isCurrent = date >= today && recordedBy == nil
            let (rollup, kept) = try isCurrent
                ? store.currentWithFinancing(asOf: date, currency: currency)
                : (store.rebuilt(asOf: date, currency: currency, recordedBy: recordedBy), nil)
            // Today's ledger columns come with the rollup when its snapshot keeps them; else they
            // read the pipeline and the ledger beside it, not the whole portfolio. Other dates
            // rebuild the portfolio, as the rollup was.
            let breakdowns = Set(kinds.compactMap(\.financingBreakdown))
            let ledger = kinds.isEmpty ? [:] : try kept.map { kept in
                Dictionary(uniqueKeysWithValues: breakdowns.map { ($0, kept.lines(by: $0)) })
            } ?? LedgerStore(c).financing(
                asOf: date, quote: rollup.currency, recordedBy: recordedBy, current: isCurrent ? rollup : nil, by: breakdowns)
            return (rollup, try trendReport(store, currency: rollup.currency, asOf: date, recordedBy: recordedBy), ledger)
        }
        do {
            func report(_ kind: ReportKind) throws(DomainError) -> Report {
                let report = try Report(kind, of: rollup)
                return kind.financingBreakdown.flatMap { ledger[$0] }.map(report.withFinancing) ?? report
            }
            if format == .html {
                return HTMLRenderer().renderDashboard(
                    sectors: try report(.sectors), statuses: try report(.statuses),
                    lenders: try report(.lenders), progress: try report(.progress), trend: trend)
            }
            return (kind == .trend ? trend : try report(kind)).rendered(as: format)
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
extension LedgerPeriod: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
