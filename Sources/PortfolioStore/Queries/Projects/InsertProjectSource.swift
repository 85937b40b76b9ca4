import Postgres

/// Records where the project of `code` came from: its dataset and record, the amount it took as value,
/// whether its lenders' shares are estimated, and the co-financiers kept apart.
public struct InsertProjectSource: PostgresPreparedStatement {
    public var code: String
    public var source: ProjectSource

    public init(code: String, _ source: ProjectSource) {
        self.code = code
        self.source = source
    }

    public var query: PostgresQuery {
        """
        INSERT INTO project_sources (project_id, source, record_id, amount_basis, shares_estimated, co_financiers)
        SELECT id, \(source.dataset), \(source.recordID), \(source.amountBasis), \(source.sharesEstimated), \(source.coFinanciers)
        FROM projects WHERE code = \(code)
        """
    }
}
