/// One period's ledger of one project and lender, by type, in the reporting currency.
public struct LedgerPeriodSum: Hashable, Sendable {
    /// The period's first day.
    public let start: LocalDate
    public let code: String
    /// The lender's stored name.
    public let lender: String
    public let type: TransactionType
    public let amount: Int128

    public init(start: LocalDate, code: String, lender: String, type: TransactionType, amount: Int128) {
        self.start = start
        self.code = code
        self.lender = lender
        self.type = type
        self.amount = amount
    }
}

/// Disbursements and repayments per month or quarter, per sector or lender, in minor units of
/// the reporting currency, with each key's cumulative disbursed and repaid amounts.
public struct DisbursementSeries: Hashable, Sendable {
    /// One key's figures in one period.
    public struct Point: Hashable, Sendable {
        /// The period's first day.
        public let start: LocalDate
        public let key: String
        public let disbursed: Int128
        public let repaid: Int128
        /// Disbursed by this key up to the end of the period, earlier periods included.
        public let cumulativeDisbursed: Int128
        /// Repaid to this key's lenders up to the end of the period, earlier periods included.
        public let cumulativeRepaid: Int128
    }

    public let period: LedgerPeriod
    /// By period, then by key; only periods and keys with transactions.
    public let points: [Point]

    /// The series of `sums`, keyed per sector (the project's sector in `inputs`, the portfolio
    /// on the report's date) or per lender. Points before `from`'s period are left out, but
    /// their amounts still count in the cumulative figures.
    public static func compute(
        _ sums: [LedgerPeriodSum], inputs: [RollupInput], period: LedgerPeriod, by breakdown: FinancingBreakdown, from: LocalDate? = nil
    ) -> DisbursementSeries {
        let sectors = Dictionary(inputs.map { ($0.code.description, $0.sectorCode) }, uniquingKeysWith: { first, _ in first })
        struct Cell: Hashable { let start: LocalDate; let key: String }
        var flows: [Cell: (disbursed: Int128, repaid: Int128)] = [:]
        for sum in sums where sum.type == .disbursement || sum.type == .repayment {
            let key = breakdown == .lender ? sum.lender : sectors[sum.code] ?? FinancingBreakdown.outsidePortfolio
            var flow = flows[Cell(start: sum.start, key: key)] ?? (0, 0)
            if sum.type == .disbursement { flow.disbursed += sum.amount } else { flow.repaid += sum.amount }
            flows[Cell(start: sum.start, key: key)] = flow
        }
        let cells = flows.keys.sorted { left, right in
            left.start != right.start ? left.start < right.start : left.key.utf8.lexicographicallyPrecedes(right.key.utf8)
        }
        var running: [String: (disbursed: Int128, repaid: Int128)] = [:]
        var points: [Point] = []
        for cell in cells {
            let flow = flows[cell] ?? (0, 0)
            var total = running[cell.key] ?? (0, 0)
            total.disbursed += flow.disbursed
            total.repaid += flow.repaid
            running[cell.key] = total
            if let from, cell.start < period.start(of: from) { continue }
            points.append(Point(start: cell.start, key: cell.key, disbursed: flow.disbursed, repaid: flow.repaid,
                                cumulativeDisbursed: total.disbursed, cumulativeRepaid: total.repaid))
        }
        return DisbursementSeries(period: period, points: points)
    }
}
