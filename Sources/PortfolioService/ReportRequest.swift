import Foundation
import PortfolioCore
import PortfolioReports
import PortfolioStore

/// One report as the CLI and the API ask for it: what, on which date, as recorded when, in
/// which currency and format.
public struct ReportRequest: Sendable, Hashable {
    /// What can be reported: a rollup's reports, the ledger's financing by lender, and
    /// disbursements over time.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case sectors, statuses, lenders, progress, trend, financing, disbursements
    }

    /// What a disbursement series is broken down by.
    public enum SeriesKey: String, Sendable, CaseIterable, Codable {
        case sector, lender

        var breakdown: FinancingBreakdown { self == .sector ? .sector : .lender }
    }

    public var kind: Kind
    public var format: ReportFormat
    /// The date reported on; nil for today (or `recordedBy`'s date).
    public var asOf: LocalDate?
    /// Only what was recorded by then counts.
    public var recordedBy: Date?
    public var currency: Currency?
    /// disbursements: month or quarter.
    public var period: LedgerPeriod?
    /// disbursements: sector or lender.
    public var by: SeriesKey?
    /// disbursements: periods before this date's are left out.
    public var from: LocalDate?

    public init(kind: Kind, format: ReportFormat = .table, asOf: LocalDate? = nil, recordedBy: Date? = nil, currency: Currency? = nil,
                period: LedgerPeriod? = nil, by: SeriesKey? = nil, from: LocalDate? = nil) {
        self.kind = kind
        self.format = format
        self.asOf = asOf
        self.recordedBy = recordedBy
        self.currency = currency
        self.period = period
        self.by = by
        self.from = from
    }

    /// A combination of options the report does not take, naming the option as `name` names it
    /// (a flag or a query parameter).
    public struct Refusal: Error, Sendable, Hashable {
        public let option: String
        public let message: String
    }

    /// Checks the combination; `name` spells an option as the caller's users type it.
    public func validate(_ name: (String) -> String) throws(Refusal) {
        try Self.check(kind: kind, format: format, given: [period != nil ? "period" : nil, by != nil ? "by" : nil,
                                                          from != nil ? "from" : nil].compactMap { $0 }, name)
    }

    /// Checks that `kind` takes the options `given` (`period`, `by`, `from`) and `format`,
    /// before their values are parsed.
    public static func check(kind: Kind, format: ReportFormat, given: [String], _ name: (String) -> String) throws(Refusal) {
        if kind != .disbursements {
            for option in ["period", "by", "from"] where given.contains(option) {
                throw Refusal(option: name(option), message: "only the disbursements report takes \(name(option))")
            }
        }
        if kind == .financing && format == .html {
            throw Refusal(option: name("format"), message: "the financing report is written as table, csv, json or markdown")
        }
    }

    /// The date the report is on: `asOf`, else `recordedBy`'s, else `today`.
    public func date(today: LocalDate) -> LocalDate {
        asOf ?? recordedBy.map { LocalDate($0) } ?? today
    }
}
