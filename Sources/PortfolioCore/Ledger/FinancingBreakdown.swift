/// What financing lines add up: each lender, each sector, each status or each status category
/// (named as the progress report names them: counted, pledged, suspended, cancelled).
public enum FinancingBreakdown: String, CaseIterable, Hashable, Sendable {
    case lender, sector, status, category

    /// The key of transactions on a project that is not in the portfolio on the report's date
    /// (its first status takes effect later): kept, so every column reconciles with the ledger.
    public static let outsidePortfolio = "(not yet in the portfolio)"
}
