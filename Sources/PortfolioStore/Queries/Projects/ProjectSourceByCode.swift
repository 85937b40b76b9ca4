import Postgres

/// Where the project of a code came from, with whether it counts in aggregates; no row for a
/// project entered by hand.
public struct ProjectSourceByCode: PostgresPreparedStatement {
    public var code: String

    public init(code: String) { self.code = code }

    public var query: PostgresQuery {
        """
        SELECT s.source, s.record_id, s.amount_basis, s.shares_estimated, s.co_financiers, p.aggregates
        FROM projects p JOIN project_sources s ON s.project_id = p.id
        WHERE lower(p.code) = lower(\(code))
        """
    }

    public func decode(_ row: PostgresRow) throws -> ProjectSource {
        ProjectSource(dataset: try row.decode(String.self, "source"), recordID: try row.decode(String.self, "record_id"),
                      amountBasis: try row.decode(String.self, "amount_basis"),
                      sharesEstimated: try row.decode(Bool.self, "shares_estimated"),
                      coFinanciers: try row.decode([String].self, "co_financiers"), aggregates: try row.decode(Bool.self, "aggregates"))
    }
}
