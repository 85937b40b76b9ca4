import Postgres
import PortfolioCore

/// Inserts a project's row (its lenders and history are inserted apart); returns its id.
public struct InsertProject: PostgresPreparedStatement {
    public var project: ValidatedProject

    public init(_ project: ValidatedProject) { self.project = project }

    public var query: PostgresQuery {
        """
        INSERT INTO projects (code, name, sector_code, status, value_minor, currency, value_date,
                              start_date, end_date, location, description)
        VALUES (\(project.code.rawValue), \(project.name), \(project.sectorCode), \(project.status.rawValue),
                \(project.value.minorUnits), \(project.value.currency.code), \(bind: project.valueDate.bind),
                \(bind: project.startDate.bind), \(bind: project.endDate.bind), \(project.location), \(project.description))
        RETURNING id
        """
    }

    public func decode(_ row: PostgresRow) throws -> Int { try row.decode(Int.self, "id") }
}
