import Foundation
import Postgres
import PortfolioCore

/// How a project is read, written once: its columns with its lenders aggregated (the rows are
/// grouped by `p.id`), and how such a row becomes a `Project`.
enum ProjectColumns {
    static let select: PostgresQuery = """
        SELECT p.id, p.code, p.name, p.sector_code, p.status, p.value_minor, p.currency, p.value_date,
               p.start_date, p.end_date, p.location, p.description, p.version, p.created_at, p.updated_at,
               \(LenderColumns.aggregated)
        FROM projects p
        LEFT JOIN project_lenders pl ON pl.project_id = p.id
        LEFT JOIN lenders l ON l.id = pl.lender_id
        """

    /// Builds a project from a row of `select`.
    static func project(from row: PostgresRow) throws -> Project {
        let names = try row.decode([String].self, "lender_names")
        let shares = try row.decode([Int].self, "lender_shares")
        let currency = try row.currency("currency")
        do {
            let lenders = try zip(names, shares).map { try LenderShare(lender: $0, basisPoints: $1) }
            let content = try ValidatedProject(
                code: ProjectCode(try row.decode(String.self, "code")),
                name: try row.decode(String.self, "name"),
                sectorCode: try row.decode(String.self, "sector_code"),
                status: ProjectStatus.parse(try row.decode(String.self, "status")),
                value: Money(minorUnits: try row.decode(Int128.self, "value_minor"), currency: currency),
                valueDate: try row.localDate("value_date"),
                lenders: lenders,
                startDate: try row.optionalLocalDate("start_date"),
                endDate: try row.optionalLocalDate("end_date"),
                location: try row.decode(String?.self, "location"),
                description: try row.decode(String?.self, "description"))
            return Project(content, version: try row.decode(Int.self, "version"),
                           createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at"))
        } catch let error as PostgresError {
            throw error
        } catch {
            throw PostgresError(.decoding, "a stored project does not pass validation: \(error)")
        }
    }
}
