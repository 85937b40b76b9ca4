import Postgres
import PortfolioCore

/// Appends a project's name, start and end dates, location and description as they became,
/// effective on `effective`.
public struct InsertDetailHistory: PostgresPreparedStatement {
    public var projectID: Int
    public var project: ValidatedProject
    public var effective: LocalDate
    public var actor: String

    public init(projectID: Int, _ project: ValidatedProject, effective: LocalDate, actor: String) {
        self.projectID = projectID
        self.project = project
        self.effective = effective
        self.actor = actor
    }

    public var query: PostgresQuery {
        """
        INSERT INTO detail_history (project_id, name, start_date, end_date, location, description, effective_date, actor)
        VALUES (\(projectID), \(project.name), \(bind: project.startDate.bind), \(bind: project.endDate.bind),
                \(project.location), \(project.description), \(bind: effective.bind), \(actor))
        """
    }
}
