/// What financing lines add up: each lender, each sector, each status or each status category
/// (named as the progress report names them: counted, pledged, suspended, cancelled).
public enum FinancingBreakdown: String, CaseIterable, Hashable, Sendable {
    case lender, sector, status, category

    /// The key of transactions on a project that is not in the portfolio on the report's date
    /// (its first status takes effect later): kept, so every column reconciles with the ledger.
    public static let outsidePortfolio = "(not yet in the portfolio)"
}

extension FinancingBreakdown {
    /// The key a project–lender pair adds to: the lender, or the project's sector, status or
    /// category; `outsidePortfolio` for a project not in the portfolio on the date.
    func key(of project: RollupInput?, lender: String) -> String {
        if self == .lender { return lender }
        guard let project else { return Self.outsidePortfolio }
        switch self {
        case .lender: return lender
        case .sector: return project.sectorCode
        case .status: return project.status.rawValue
        case .category: return key(ofStatus: project.status)
        }
    }
}

extension FinancingBreakdown {
    /// The category key of a status, as the progress report names it.
    func key(ofStatus status: ProjectStatus) -> String {
        status.category == .pipeline ? "pledged" : status.category.rawValue
    }
}

extension RollupInput {
    /// Each lender's part of the value converted into `currency` at the rate of its value date,
    /// split by the shares as the rollup splits it.
    func lenderParts(in currency: Currency, fx: FXTable) throws(DomainError) -> [(lender: String, minorUnits: Int128)] {
        let value: Money
        do {
            value = try fx.convert(self.value, to: currency, on: valueDate)
        } catch {
            throw DomainError("project \(code): \(error.message)")
        }
        return zip(lenders, LenderShare.splitValidated(value, by: lenders)).map { ($0.lender, $1.minorUnits) }
    }
}
