import Postgres
import PortfolioCore

/// The rollup facts of the projects `projectIDs` as they stand, with their ids.
public struct ProjectRollupFacts: PostgresPreparedStatement {
    public var projectIDs: [Int]

    public init(projectIDs: [Int]) { self.projectIDs = projectIDs }

    public var query: PostgresQuery {
        """
        SELECT p.id, p.code, p.sector_code, p.status, p.value_minor, p.currency, p.value_date,
               \(LenderColumns.currentNames) AS lender_names, \(LenderColumns.currentShares) AS lender_shares
        FROM projects p WHERE p.id = ANY (\(projectIDs)::bigint[])
        """
    }

    public func decode(_ row: PostgresRow) throws -> (id: Int, facts: RollupInput) {
        (try row.decode(Int.self, "id"), try row.rollupInput(status: try ProjectStatus.parse(try row.decode(String.self, "status"))))
    }
}
