import Postgres
import PortfolioCore

/// The rollup facts of project `projectID` as it stands.
public struct ProjectRollupFacts: PostgresPreparedStatement {
    public var projectID: Int

    public init(projectID: Int) { self.projectID = projectID }

    public var query: PostgresQuery {
        """
        SELECT p.code, p.sector_code, p.status, p.value_minor, p.currency, p.value_date,
               \(LenderColumns.currentNames) AS lender_names, \(LenderColumns.currentShares) AS lender_shares
        FROM projects p WHERE p.id = \(projectID)
        """
    }

    public func decode(_ row: PostgresRow) throws -> RollupInput {
        try row.rollupInput(status: try ProjectStatus.parse(try row.decode(String.self, "status")))
    }
}
