import Postgres
import PortfolioCore

/// Inserts a project's row (its lenders and history are inserted apart); returns its id.
public struct InsertProject: PostgresPreparedStatement {
    public var project: ValidatedProject
    /// Whether the project counts in reports and rollups.
    public var aggregates: Bool

    public init(_ project: ValidatedProject, aggregates: Bool = true) {
        self.project = project
        self.aggregates = aggregates
    }

    public var query: PostgresQuery {
        """
        INSERT INTO projects (code, name, sector_code, status, value_minor, currency, value_date,
                              start_date, end_date, location, description, aggregates)
        VALUES (\(project.code.rawValue), \(project.name), \(project.sectorCode), \(project.status.rawValue),
                \(project.value.minorUnits), \(project.value.currency.code), \(bind: project.valueDate.bind),
                \(bind: project.startDate.bind), \(bind: project.endDate.bind), \(project.location), \(project.description),
                \(aggregates))
        RETURNING id
        """
    }

    public func decode(_ row: PostgresRow) throws -> Int { try row.decode(Int.self, "id") }
}
