import Foundation
import Postgres
import PortfolioCore

/// The project with this exact code as it was on `date`, rebuilt from the history of every
/// field: its last status effective by then and its value, sector, lenders, name, dates,
/// location and description as most recently recorded with an effective date on or before it
/// (as `RebuiltRollupInputs` rebuilds the portfolio). With `recordedBy`, only what was
/// recorded by then counts. No row when the project was not in the portfolio on that date.
/// Its version and timestamps are the current row's.
public struct ProjectAsOf: PostgresPreparedStatement {
    public var code: String
    public var date: LocalDate
    public var recordedBy: Date?

    public init(code: String, asOf date: LocalDate, recordedBy: Date? = nil) {
        self.code = code
        self.date = date
        self.recordedBy = recordedBy
    }

    public var query: PostgresQuery {
        let history = HistoryAsOf(date: date, recordedBy: recordedBy)
        return """
            SELECT p.id, p.code, coalesce(dh.name, p.name) AS name, \(history.columns),
                   CASE WHEN dh.id IS NULL THEN p.start_date ELSE dh.start_date END AS start_date,
                   CASE WHEN dh.id IS NULL THEN p.end_date ELSE dh.end_date END AS end_date,
                   CASE WHEN dh.id IS NULL THEN p.location ELSE dh.location END AS location,
                   CASE WHEN dh.id IS NULL THEN p.description ELSE dh.description END AS description,
                   p.version, p.created_at, p.updated_at
            FROM projects p \(history.joins) \(history.details)
            WHERE p.code = \(code)
            """
    }

    public func decode(_ row: PostgresRow) throws -> Project { try ProjectColumns.project(from: row) }
}
