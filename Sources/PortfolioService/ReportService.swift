import Foundation
import Postgres
import PortfolioCore
import PortfolioReports
import PortfolioStore

/// Builds and renders reports, for the CLI and the API alike: the same request gives the same
/// bytes from both.
public struct ReportService: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// The report `request` asks for, rendered.
    ///
    /// - Throws: `ReportRequest.Refusal` for options the report does not take; `StoreError`.
    public func render(_ request: ReportRequest, today: LocalDate = .today()) throws -> String {
        try request.validate { $0 }
        let date = request.date(today: today)
        switch request.kind {
        case .disbursements:
            let (quote, series) = try LedgerStore(connection).disbursements(
                asOf: date, currency: request.currency, recordedBy: request.recordedBy, period: request.period ?? .quarter,
                by: (request.by ?? .sector).breakdown, from: request.from)
            return DisbursementReport(asOf: date, currency: quote, keyName: (request.by ?? .sector).rawValue, series: series)
                .rendered(as: request.format)
        case .financing:
            return try financing(asOf: date, today: today, currency: request.currency, recordedBy: request.recordedBy, format: request.format)
        case .sectors, .statuses, .lenders, .progress, .trend:
            guard let kind = ReportKind(rawValue: request.kind.rawValue) else {
                throw StoreError.invalid("no report is called \(request.kind.rawValue)")
            }
            return try render(kind, format: request.format, asOf: date, today: today, currency: request.currency, recordedBy: request.recordedBy)
        }
    }

    /// The financing report in `format` (not HTML).
    ///
    /// Today's lines come from the current rollup when its snapshot keeps them (the newest
    /// snapshot plus the changes not yet folded into one), so their cost follows the changes
    /// since that snapshot, not the length of the ledger; other dates, and today's when no
    /// snapshot keeps the lines, sum the ledger up to the date.
    func financing(asOf date: LocalDate, today: LocalDate, currency: Currency?, recordedBy: Date?, format: ReportFormat) throws -> String {
        let (quote, rows) = try connection.transaction(isolation: .repeatableRead) { c -> (Currency, [Financing]) in
            if date >= today && recordedBy == nil,
               case let (rollup, kept?) = try RollupStore(c).currentWithFinancing(asOf: date, currency: currency),
               kept.currency == rollup.currency {
                return (rollup.currency, kept.lines(by: .lender))
            }
            return try LedgerStore(c).financing(asOf: date, currency: currency, recordedBy: recordedBy)
        }
        let report = FinancingReport(asOf: date, currency: quote, lenders: rows)
        switch format {
        case .csv: return report.csv()
        case .json: return JSONText.objects(header: FinancingReport.header, rows: report.cells)
        case .markdown: return report.markdown()
        case .table, .html: return report.table()
        }
    }

    /// Builds and renders a rollup's report (the whole dashboard for HTML).
    public func render(_ kind: ReportKind, format: ReportFormat, asOf date: LocalDate, today: LocalDate,
                       currency: Currency?, recordedBy: Date? = nil) throws -> String {
        // The figures and the trend are read in one REPEATABLE READ transaction, so from one
        // view; today's figures are one statement as well (see `RollupStore.current`). Reads
        // alone never fail to serialize, so there is nothing to retry.
        // The ledger's columns are read in the same transaction, from the same view.
        let kinds: [ReportKind] = format == .html ? [.sectors, .statuses, .lenders, .progress] : kind == .trend ? [] : [kind]
        let (rollup, trend, ledger) = try connection.transaction(isolation: .repeatableRead) { c in
            let store = RollupStore(c)
            let isCurrent = date >= today && recordedBy == nil
            var rebuilt: [RollupInput]?
            let (rollup, kept): (Rollup, FinancingLines?)
            if isCurrent {
                (rollup, kept) = try store.currentWithFinancing(asOf: date, currency: currency)
            } else {
                let past = try store.rebuiltWithInputs(asOf: date, currency: currency, recordedBy: recordedBy)
                (rollup, kept, rebuilt) = (past.rollup, nil, past.inputs)
            }
            // Today's ledger columns come with the rollup when its snapshot keeps them; else they
            // read the pipeline and the ledger beside it, not the whole portfolio. Other dates
            // rebuild the portfolio, as the rollup was.
            let breakdowns = Set(kinds.compactMap(\.financingBreakdown))
            let ledger = kinds.isEmpty ? [:] : try kept.map { kept in
                Dictionary(uniqueKeysWithValues: breakdowns.map { ($0, kept.lines(by: $0)) })
            } ?? LedgerStore(c).financing(
                asOf: date, quote: rollup.currency, recordedBy: recordedBy, current: isCurrent ? rollup : nil, rebuilt: rebuilt,
                by: breakdowns)
            return (rollup, try Self.trendReport(store, currency: rollup.currency, asOf: date, recordedBy: recordedBy), ledger)
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
}
