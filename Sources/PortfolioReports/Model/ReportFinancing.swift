import PortfolioCore

/// The ledger's columns of a breakdown or progress report: what each row's projects' lenders
/// committed, disbursed and were repaid, in the report's currency, and the total of each column.
public struct ReportFinancing: Hashable, Sendable {
    /// Each row's figures by row key.
    public let lines: [String: Financing]
    /// The sum of every line.
    public let total: Financing
    public let currency: Currency

    /// The columns `lines` add, with `total` their sum.
    public init(lines: [Financing], currency: Currency) {
        self.lines = Dictionary(lines.map { ($0.key, $0) }, uniquingKeysWith: { $0.adding($1) })
        total = Financing.total(lines)
        self.currency = currency
    }

    /// The column names, in snake_case as CSV and JSON keys.
    public static let header = ["committed", "disbursed", "undisbursed", "repaid", "outstanding", "disbursed_ratio"]

    /// The figures of the row with `key`; zero when its projects have no financing.
    public func line(_ key: String) -> Financing { lines[key] ?? .zero(key) }

    /// Committed, disbursed, undisbursed, repaid and outstanding, in `header`'s order.
    public func amounts(_ line: Financing) -> [Money] {
        [line.committed, line.disbursed, line.undisbursed, line.repaid, line.outstanding].map {
            Money(minorUnits: $0, currency: currency)
        }
    }
}
