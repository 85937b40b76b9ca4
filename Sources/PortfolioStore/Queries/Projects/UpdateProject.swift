import Postgres
import PortfolioCore

/// Writes a project's fields (not its status or lenders) and moves its version on.
public struct UpdateProject: PostgresPreparedStatement {
    public var id: Int
    public var project: Project

    public init(id: Int, _ project: Project) {
        self.id = id
        self.project = project
    }

    public var query: PostgresQuery {
        """
        UPDATE projects SET name = \(project.name), sector_code = \(project.sectorCode), value_minor = \(project.value.minorUnits),
               currency = \(project.value.currency.code), value_date = \(bind: project.valueDate.bind),
               start_date = \(bind: project.startDate.bind), end_date = \(bind: project.endDate.bind),
               location = \(project.location), description = \(project.description),
               version = version + 1, updated_at = now()
        WHERE id = \(id)
        """
    }
}
