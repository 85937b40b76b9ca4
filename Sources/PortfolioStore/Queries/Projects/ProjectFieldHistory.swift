import Foundation
import Postgres
import PortfolioCore

/// Every recorded change of a project's fields — status, value (with its currency and value
/// date), sector, lenders, name, start and end dates, location and description — and its ledger
/// transactions, by effective date and then by the time it was recorded. A descriptive field is
/// listed where it changed (and, on the first entry, where it has a value).
public struct ProjectFieldHistory: PostgresPreparedStatement {
    public var code: String

    public init(code: String) { self.code = code }

    public var query: PostgresQuery {
        """
        WITH p AS (SELECT id FROM projects WHERE code = \(code))
        SELECT * FROM (
            SELECT 'status' AS field, h.to_status AS text, NULL::bigint AS minor, NULL::text AS currency, NULL::date AS value_date,
                   NULL::text[] AS names, NULL::int[] AS shares, h.effective_date, h.recorded_at, h.actor,
                   CASE WHEN h.forced THEN 'forced: ' ELSE '' END || coalesce(h.note, '') AS note
            FROM status_history h JOIN p ON p.id = h.project_id
            UNION ALL
            SELECT 'value', NULL, v.value_minor, v.currency, v.value_date, NULL, NULL, v.effective_date, v.recorded_at, v.actor, ''
            FROM value_history v JOIN p ON p.id = v.project_id
            UNION ALL
            SELECT 'sector', s.sector_code, NULL, NULL, NULL, NULL, NULL, s.effective_date, s.recorded_at, s.actor, ''
            FROM sector_history s JOIN p ON p.id = s.project_id
            UNION ALL
            SELECT 'lenders', NULL, NULL, NULL, NULL, l.lender_names, l.lender_shares, l.effective_date, l.recorded_at, l.actor, ''
            FROM lender_history l JOIN p ON p.id = l.project_id
            UNION ALL
            SELECT f.field, f.text, NULL, NULL, NULL, NULL, NULL, x.effective_date, x.recorded_at, x.actor, ''
            FROM (SELECT d.*, row_number() OVER w = 1 AS first, lag(d.name) OVER w AS previous_name,
                         lag(d.start_date) OVER w AS previous_start, lag(d.end_date) OVER w AS previous_end,
                         lag(d.location) OVER w AS previous_location, lag(d.description) OVER w AS previous_description
                  FROM detail_history d JOIN p ON p.id = d.project_id WINDOW w AS (ORDER BY d.id)) x
            CROSS JOIN LATERAL (VALUES ('name', x.name, x.previous_name),
                                       ('start_date', x.start_date::text, x.previous_start::text),
                                       ('end_date', x.end_date::text, x.previous_end::text),
                                       ('location', x.location, x.previous_location),
                                       ('description', x.description, x.previous_description)) f(field, text, previous)
            WHERE (x.first AND f.text IS NOT NULL) OR (NOT x.first AND f.text IS DISTINCT FROM f.previous)
            UNION ALL
            SELECT t.type, le.name, t.amount_minor, t.currency, t.value_date, NULL, NULL, t.value_date, t.recorded_at, t.actor,
                   btrim(CASE WHEN t.forced THEN 'forced: ' ELSE '' END || coalesce(t.note, '')
                         || CASE WHEN t.reference IS NULL THEN '' ELSE ' (ref ' || t.reference || ')' END)
            FROM ledger_transactions t JOIN p ON p.id = t.project_id JOIN lenders le ON le.id = t.lender_id
        ) changes
        ORDER BY effective_date, recorded_at, field
        """
    }

    /// One change: which field, what it became, when it takes effect and when it was recorded.
    public struct Change: Sendable, Hashable, Codable {
        /// `status`, `value`, `sector`, `lenders`, `name`, `start_date`, `end_date`, `location`,
        /// `description`, or a transaction type.
        public let field: String
        /// The new status, sector or lenders (`A 60%; B 40%`), the value with its value date, or
        /// for a transaction its amount and lender.
        public let value: String
        public let effective: LocalDate
        public let recordedAt: Date
        public let actor: String
        public let note: String
    }

    public func decode(_ row: PostgresRow) throws -> Change {
        let field = try row.decode(String.self, "field")
        func amount() throws -> String {
            let currency = try row.currency("currency")
            return Money(minorUnits: Int128(try row.decode(Int.self, "minor")), currency: currency).formatted(grouping: true) + " " + currency.code
        }
        let value: String
        switch field {
        case "status", "sector":
            value = try row.decode(String.self, "text")
        case "name", "start_date", "end_date", "location", "description":
            value = try row.decode(String?.self, "text") ?? "(none)"
        case "lenders":
            let names = try row.decode([String].self, "names")
            let shares = try row.decode([Int].self, "shares")
            value = zip(names, shares).map { "\($0) \(LenderShare.percentText($1))%" }.joined(separator: "; ")
        case "value":
            value = "\(try amount()) (value date \(try row.localDate("value_date")))"
        default:
            value = "\(try amount()) by \(try row.decode(String.self, "text"))"
        }
        return Change(field: field, value: value, effective: try row.localDate("effective_date"),
                      recordedAt: try row.decode(Date.self, "recorded_at"), actor: try row.decode(String.self, "actor"),
                      note: try row.decode(String.self, "note"))
    }
}
