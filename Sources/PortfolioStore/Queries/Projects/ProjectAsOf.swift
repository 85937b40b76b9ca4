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
        let date = self.date.bind
        let recorded: PostgresQuery = "\(recordedBy)::timestamptz"
        return """
            SELECT p.id, p.code, coalesce(dh.name, p.name) AS name, coalesce(sh.sector_code, p.sector_code) AS sector_code,
                   s.to_status AS status, v.value_minor, v.currency, v.value_date,
                   CASE WHEN dh.id IS NULL THEN p.start_date ELSE dh.start_date END AS start_date,
                   CASE WHEN dh.id IS NULL THEN p.end_date ELSE dh.end_date END AS end_date,
                   CASE WHEN dh.id IS NULL THEN p.location ELSE dh.location END AS location,
                   CASE WHEN dh.id IS NULL THEN p.description ELSE dh.description END AS description,
                   p.version, p.created_at, p.updated_at,
                   coalesce((SELECT array_agg(coalesce(l.name, u.name) ORDER BY u.ord)
                             FROM unnest(lh.lender_names) WITH ORDINALITY AS u(name, ord)
                             LEFT JOIN lenders l ON lower(l.name) = lower(u.name)),
                            \(LenderColumns.currentNames)) AS lender_names,
                   coalesce(lh.lender_shares, \(LenderColumns.currentShares)) AS lender_shares
            FROM projects p
            JOIN LATERAL (SELECT h.to_status FROM status_history h WHERE h.project_id = p.id AND h.effective_date <= \(bind: date)
                            AND (\(recorded) IS NULL OR h.recorded_at <= \(recorded))
                          ORDER BY h.effective_date DESC, h.id DESC LIMIT 1) s ON true
            JOIN LATERAL (SELECT vh.value_minor, vh.currency, vh.value_date FROM value_history vh
                          WHERE vh.project_id = p.id AND vh.effective_date <= \(bind: date)
                            AND (\(recorded) IS NULL OR vh.recorded_at <= \(recorded)) ORDER BY vh.id DESC LIMIT 1) v ON true
            LEFT JOIN LATERAL (SELECT x.sector_code FROM sector_history x WHERE x.project_id = p.id
                               AND x.effective_date <= \(bind: date) AND (\(recorded) IS NULL OR x.recorded_at <= \(recorded))
                               ORDER BY x.id DESC LIMIT 1) sh ON true
            LEFT JOIN LATERAL (SELECT x.lender_names, x.lender_shares FROM lender_history x WHERE x.project_id = p.id
                               AND x.effective_date <= \(bind: date) AND (\(recorded) IS NULL OR x.recorded_at <= \(recorded))
                               ORDER BY x.id DESC LIMIT 1) lh ON true
            LEFT JOIN LATERAL (SELECT x.id, x.name, x.start_date, x.end_date, x.location, x.description FROM detail_history x
                               WHERE x.project_id = p.id AND x.effective_date <= \(bind: date)
                                 AND (\(recorded) IS NULL OR x.recorded_at <= \(recorded))
                               ORDER BY x.id DESC LIMIT 1) dh ON true
            WHERE p.code = \(code)
            """
    }

    public func decode(_ row: PostgresRow) throws -> Project { try ProjectColumns.project(from: row) }
}
