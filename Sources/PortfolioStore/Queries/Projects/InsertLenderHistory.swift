import Postgres
import PortfolioCore

/// Appends a project's lenders and shares, effective on `effective`.
public struct InsertLenderHistory: PostgresPreparedStatement {
    public var projectID: Int
    public var shares: [LenderShare]
    public var effective: LocalDate
    public var actor: String

    public init(projectID: Int, shares: [LenderShare], effective: LocalDate, actor: String) {
        self.projectID = projectID
        self.shares = shares
        self.effective = effective
        self.actor = actor
    }

    public var query: PostgresQuery {
        """
        INSERT INTO lender_history (project_id, lender_names, lender_shares, effective_date, actor)
        VALUES (\(projectID), \(shares.map(\.lender)), \(shares.map(\.basisPoints)), \(bind: effective.bind), \(actor))
        """
    }
}
