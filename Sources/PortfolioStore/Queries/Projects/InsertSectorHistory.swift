import Postgres
import PortfolioCore

/// Appends a project's sector, effective on `effective`.
public struct InsertSectorHistory: PostgresPreparedStatement {
    public var projectID: Int
    public var sector: String
    public var effective: LocalDate
    public var actor: String

    public init(projectID: Int, sector: String, effective: LocalDate, actor: String) {
        self.projectID = projectID
        self.sector = sector
        self.effective = effective
        self.actor = actor
    }

    public var query: PostgresQuery {
        """
        INSERT INTO sector_history (project_id, sector_code, effective_date, actor)
        VALUES (\(projectID), \(sector), \(bind: effective.bind), \(actor))
        """
    }
}
