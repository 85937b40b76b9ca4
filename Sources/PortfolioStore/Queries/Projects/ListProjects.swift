import Postgres
import PortfolioCore

/// Projects of a sector, a status and a lender (matched regardless of case), each when given,
/// by code.
public struct ListProjects: PostgresPreparedStatement {
    public var sector: String?
    public var status: ProjectStatus?
    public var lender: String?

    public init(sector: String?, status: ProjectStatus?, lender: String?) {
        self.sector = sector
        self.status = status
        self.lender = lender
    }

    public var query: PostgresQuery {
        let status = self.status?.rawValue
        return """
            \(ProjectColumns.select)
            WHERE (\(sector)::text IS NULL OR p.sector_code = \(sector))
              AND (\(status)::text IS NULL OR p.status = \(status))
              AND (\(lender)::text IS NULL OR EXISTS (
                   SELECT 1 FROM project_lenders fl JOIN lenders fln ON fln.id = fl.lender_id
                   WHERE fl.project_id = p.id AND lower(fln.name) = lower(\(lender))))
            GROUP BY p.id ORDER BY p.code
            """
    }

    public func decode(_ row: PostgresRow) throws -> Project { try ProjectColumns.project(from: row) }
}
