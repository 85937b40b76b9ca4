import Foundation
import Postgres
import PortfolioCore

/// Each project's rollup facts as of `date`, rebuilt from the history of every field: its last
/// status effective by then, and its value, sector and lenders as most recently recorded with an
/// effective date on or before it. The current sector and lenders stand in for a project with no
/// entry of its own (none is written without one since migration 5). Lenders are named as
/// stored, also in entries recorded with a name typed in another case, so their parts split as
/// the current rollup's do.
///
/// With `recordedBy`, only history recorded by then counts (transaction time): the portfolio as
/// the tracker would have reported it at that moment, before later corrections. A project with
/// no status recorded by then is not in it.
///
/// With `backdatedOnlyAfter` as well, of what was recorded after that moment only back-dated
/// entries count (effective before the day, UTC, they were recorded on): a snapshot's date
/// as later corrections restate it, without the ordinary changes made since.
public struct RebuiltRollupInputs: PostgresPreparedStatement {
    public var date: LocalDate
    public var recordedBy: Date?
    public var backdatedOnlyAfter: Date?

    public init(asOf date: LocalDate, recordedBy: Date? = nil, backdatedOnlyAfter: Date? = nil) {
        self.date = date
        self.recordedBy = recordedBy
        self.backdatedOnlyAfter = backdatedOnlyAfter
    }

    public var query: PostgresQuery {
        let date = self.date.bind
        let recordedBy = self.recordedBy
        let cut = self.backdatedOnlyAfter
        /// Whether a history row `x` was recorded in time to count.
        func counted(_ x: String) -> PostgresQuery {
            """
            (\(recordedBy)::timestamptz IS NULL OR \(unescaped: x).recorded_at <= \(recordedBy)::timestamptz)
            AND (\(cut)::timestamptz IS NULL OR \(unescaped: x).recorded_at <= \(cut)::timestamptz
                 OR \(unescaped: x).effective_date < (\(unescaped: x).recorded_at AT TIME ZONE 'UTC')::date)
            """
        }
        return """
            SELECT p.code, coalesce(sh.sector_code, p.sector_code) AS sector_code, s.to_status,
                   v.value_minor, v.currency, v.value_date,
                   coalesce((SELECT array_agg(coalesce(l.name, u.name) ORDER BY u.ord)
                             FROM unnest(lh.lender_names) WITH ORDINALITY AS u(name, ord)
                             LEFT JOIN lenders l ON lower(l.name) = lower(u.name)),
                            \(LenderColumns.currentNames)) AS lender_names,
                   coalesce(lh.lender_shares, \(LenderColumns.currentShares)) AS lender_shares
            FROM projects p
            JOIN LATERAL (SELECT h.to_status FROM status_history h WHERE h.project_id = p.id AND h.effective_date <= \(bind: date)
                            AND \(counted("h"))
                          ORDER BY h.effective_date DESC, h.id DESC LIMIT 1) s ON true
            JOIN LATERAL (SELECT vh.value_minor, vh.currency, vh.value_date FROM value_history vh
                          WHERE vh.project_id = p.id AND vh.effective_date <= \(bind: date)
                            AND \(counted("vh")) ORDER BY vh.id DESC LIMIT 1) v ON true
            LEFT JOIN LATERAL (SELECT x.sector_code FROM sector_history x WHERE x.project_id = p.id
                               AND x.effective_date <= \(bind: date) AND \(counted("x"))
                               ORDER BY x.id DESC LIMIT 1) sh ON true
            LEFT JOIN LATERAL (SELECT x.lender_names, x.lender_shares FROM lender_history x WHERE x.project_id = p.id
                               AND x.effective_date <= \(bind: date) AND \(counted("x"))
                               ORDER BY x.id DESC LIMIT 1) lh ON true
            """
    }

    public func decode(_ row: PostgresRow) throws -> RollupInput {
        try row.rollupInput(status: try ProjectStatus.parse(try row.decode(String.self, "to_status")))
    }
}
