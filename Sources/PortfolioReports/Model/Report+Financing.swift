import PortfolioCore

extension ReportKind {
    /// What `FinancingBreakdown` groups the rows of this kind: nil for a trend.
    public var financingBreakdown: FinancingBreakdown? {
        switch self {
        case .sectors: .sector
        case .statuses: .status
        case .lenders: .lender
        case .progress: .category
        case .trend: nil
        }
    }
}

extension Report {
    /// This report with the ledger's columns of `lines` (grouped by its kind's `financingBreakdown`).
    ///
    /// A line whose key has no row (a lender since replaced, a project not yet in the portfolio)
    /// gets a row of its own with no projects and no value, after the others, so every ledger
    /// column still adds up to its total.
    public func withFinancing(_ lines: [Financing]) -> Report {
        let keys = Set(rows.map(\.key))
        let zero = Money.zero(currency)
        let added = lines.filter { !keys.contains($0.key) }
            .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { line in
                ReportRow(key: line.key, projects: 0, value: zero, counted: zero, share: .zero)
            }
        return Report(kind: kind, asOf: asOf, currency: currency, rows: rows + added, total: total, progress: progress,
                      points: points, financing: ReportFinancing(lines: lines, currency: currency))
    }
}
