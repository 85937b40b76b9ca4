import Foundation
import Postgres
import PortfolioCore

/// The fragments that rebuild projects `p` from the history of every field as of `date`: the
/// last status effective by then, and the value, sector, lenders and details most recently
/// recorded with an effective date on or before it. With `recordedBy`, only entries recorded by
/// then count; with `backdatedOnlyAfter` as well, of the entries recorded after that moment
/// only the back-dated ones (effective before the day, UTC, they were recorded on).
struct HistoryAsOf {
    var date: LocalDate
    var recordedBy: Date?
    var backdatedOnlyAfter: Date?

    /// Whether the history row `x` was recorded in time to count.
    func counted(_ x: String) -> PostgresQuery {
        """
        (\(recordedBy)::timestamptz IS NULL OR \(unescaped: x).recorded_at <= \(recordedBy)::timestamptz)
        AND (\(backdatedOnlyAfter)::timestamptz IS NULL OR \(unescaped: x).recorded_at <= \(backdatedOnlyAfter)::timestamptz
             OR \(unescaped: x).effective_date < (\(unescaped: x).recorded_at AT TIME ZONE 'UTC')::date)
        """
    }

    /// `sector_code`, `status`, `value_minor`, `currency`, `value_date`, `lender_names` and
    /// `lender_shares` as of the date (lenders named as stored; the current sector and lenders
    /// stand in for a project with no entry of its own), from `joins`.
    var columns: PostgresQuery {
        """
        coalesce(sh.sector_code, p.sector_code) AS sector_code, s.to_status AS status,
        v.value_minor, v.currency, v.value_date,
        coalesce((SELECT array_agg(coalesce(l.name, u.name) ORDER BY u.ord)
                  FROM unnest(lh.lender_names) WITH ORDINALITY AS u(name, ord)
                  LEFT JOIN lenders l ON lower(l.name) = lower(u.name)),
                 \(LenderColumns.currentNames)) AS lender_names,
        coalesce(lh.lender_shares, \(LenderColumns.currentShares)) AS lender_shares
        """
    }

    /// The status and value (inner: a project without them is not in the portfolio yet), sector
    /// and lenders laterals, as `s`, `v`, `sh` and `lh`.
    var joins: PostgresQuery {
        let date = self.date.bind
        return """
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

    /// The name, dates, location and description lateral, as `dh`.
    var details: PostgresQuery {
        """
        LEFT JOIN LATERAL (SELECT x.id, x.name, x.start_date, x.end_date, x.location, x.description FROM detail_history x
                           WHERE x.project_id = p.id AND x.effective_date <= \(bind: date.bind) AND \(counted("x"))
                           ORDER BY x.id DESC LIMIT 1) dh ON true
        """
    }
}
