import Postgres
import PortfolioCore

/// Records a new project's first status, effective on `effective`.
public struct InsertFirstStatus: PostgresPreparedStatement {
    public var projectID: Int
    public var status: ProjectStatus
    public var effective: LocalDate
    public var actor: String

    public init(projectID: Int, status: ProjectStatus, effective: LocalDate, actor: String) {
        self.projectID = projectID
        self.status = status
        self.effective = effective
        self.actor = actor
    }

    public var query: PostgresQuery {
        """
        INSERT INTO status_history (project_id, from_status, to_status, effective_date, note, actor)
        VALUES (\(projectID), NULL, \(status.rawValue), \(bind: effective.bind), 'added', \(actor))
        """
    }
}
