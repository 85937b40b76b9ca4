import Foundation
import Postgres
import PortfolioCore

/// The current rollup facts of the projects a ledger report cannot take from the rollup alone:
/// every pledged project (its lenders' parts are not committed yet) and every project with a
/// transaction dated on or before `asOf`. Found through the status index and the ledger, not
/// by reading the whole portfolio.
public struct LedgerTouchedInputs: PostgresPreparedStatement {
    public var asOf: LocalDate

    public init(asOf: LocalDate) { self.asOf = asOf }

    public var query: PostgresQuery {
        """
        SELECT p.code, p.sector_code, p.status, p.value_minor, p.currency, p.value_date,
               \(LenderColumns.currentNames) AS lender_names, \(LenderColumns.currentShares) AS lender_shares
        FROM projects p
        WHERE p.id IN (SELECT id FROM projects WHERE status = 'pledged'
                       UNION SELECT t.project_id FROM ledger_transactions t WHERE t.value_date <= \(bind: asOf.bind))
        """
    }

    public func decode(_ row: PostgresRow) throws -> RollupInput {
        try row.rollupInput(status: try ProjectStatus.parse(try row.decode(String.self, "status")))
    }
}
