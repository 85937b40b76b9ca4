import Postgres
import PortfolioCore

/// The latest effective date in a project's status history.
public struct LastStatusDate: PostgresPreparedStatement {
    public var projectID: Int

    public init(projectID: Int) { self.projectID = projectID }

    public var query: PostgresQuery { "SELECT max(effective_date) AS last FROM status_history WHERE project_id = \(projectID)" }

    public func decode(_ row: PostgresRow) throws -> LocalDate? { try row.optionalLocalDate("last") }
}
