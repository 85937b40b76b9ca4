import Postgres
import PortfolioCore

/// The project of this code and the lender of this name (regardless of case), as a ledger
/// transaction needs them: ids, the project's currency, the stored lender name and whether
/// the lender finances the project. No row when no project has the code.
public struct LedgerParties: PostgresPreparedStatement {
    public var code: String
    public var lender: String

    public init(code: String, lender: String) {
        self.code = code
        self.lender = lender
    }

    public var query: PostgresQuery {
        """
        SELECT p.id AS project_id, p.currency, l.id AS lender_id, l.name AS lender_name,
               EXISTS (SELECT 1 FROM project_lenders pl WHERE pl.project_id = p.id AND pl.lender_id = l.id) AS finances
        FROM projects p LEFT JOIN lenders l ON lower(l.name) = lower(\(lender))
        WHERE p.code = \(code)
        """
    }

    /// The parties of one transaction.
    public struct Parties: Sendable {
        public let projectID: Int
        public let currency: Currency
        /// Nil when no lender has the name.
        public let lenderID: Int?
        public let lenderName: String?
        public let finances: Bool
    }

    public func decode(_ row: PostgresRow) throws -> Parties {
        Parties(
            projectID: try row.decode(Int.self, "project_id"), currency: try row.currency("currency"),
            lenderID: try row.decode(Int?.self, "lender_id"), lenderName: try row.decode(String?.self, "lender_name"),
            finances: try row.decode(Bool.self, "finances"))
    }
}
