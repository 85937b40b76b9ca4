import Postgres
import PortfolioCore

/// Each lender's financing on `asOf` in `quote`: per project and lender the commitment (its part
/// of the value, raised by commitments and lowered by cancellations dated up to `asOf`), what it
/// disbursed, repaid and earned in interest, each amount converted at the rate of its own value
/// date, half to even; then summed per lender. Undisbursed and over-disbursed amounts are taken
/// per project before they are summed, so one project's excess does not hide another's balance.
/// Projects still pledged are not financed yet and are left out. `missing_rates` counts the
/// amounts that have no rate into `quote`.
public struct LenderFinancing: PostgresPreparedStatement {
    public var asOf: LocalDate
    public var quote: Currency

    public init(asOf: LocalDate, quote: Currency) {
        self.asOf = asOf
        self.quote = quote
    }

    public var query: PostgresQuery {
        """
        WITH parts AS (
            SELECT pl.project_id, pl.lender_id, ledger_convert(pl.part_minor, p.currency, \(quote.code), p.value_date) AS part
            FROM project_lenders pl JOIN projects p ON p.id = pl.project_id
            WHERE p.status <> 'pledged'
        ), moves AS (
            SELECT t.project_id, t.lender_id, t.type, ledger_convert(t.amount_minor, t.currency, \(quote.code), t.value_date) AS amount
            FROM ledger_transactions t WHERE t.value_date <= \(bind: asOf.bind)
        ), pairs AS (
            SELECT pa.project_id, pa.lender_id, pa.part,
                   pa.part + coalesce(sum(m.amount) FILTER (WHERE m.type = 'commitment'), 0)
                           - coalesce(sum(m.amount) FILTER (WHERE m.type = 'cancellation'), 0) AS committed,
                   coalesce(sum(m.amount) FILTER (WHERE m.type = 'disbursement'), 0) AS disbursed,
                   coalesce(sum(m.amount) FILTER (WHERE m.type = 'repayment'), 0) AS repaid,
                   coalesce(sum(m.amount) FILTER (WHERE m.type = 'interest'), 0) AS interest,
                   count(*) FILTER (WHERE m.type IS NOT NULL AND m.amount IS NULL) + (pa.part IS NULL)::int AS missing
            FROM parts pa LEFT JOIN moves m ON m.project_id = pa.project_id AND m.lender_id = pa.lender_id
            GROUP BY pa.project_id, pa.lender_id, pa.part
        )
        SELECT l.name AS lender, count(*) AS projects,
               coalesce(sum(committed), 0)::text AS committed, coalesce(sum(disbursed), 0)::text AS disbursed,
               coalesce(sum(greatest(committed - disbursed, 0)), 0)::text AS undisbursed,
               coalesce(sum(greatest(disbursed - committed, 0)), 0)::text AS over_disbursed,
               coalesce(sum(repaid), 0)::text AS repaid, coalesce(sum(interest), 0)::text AS interest,
               coalesce(sum(missing), 0) AS missing_rates
        FROM pairs JOIN lenders l ON l.id = pairs.lender_id
        GROUP BY l.name
        ORDER BY sum(committed) DESC NULLS LAST, l.name COLLATE "C"
        """
    }

    /// One lender's figures in minor units of `quote`.
    public struct Row: Sendable, Hashable {
        public let lender: String
        public let projects: Int
        public let committed: Int128
        public let disbursed: Int128
        public let undisbursed: Int128
        public let overDisbursed: Int128
        public let repaid: Int128
        public let interest: Int128
        public let missingRates: Int
    }

    public func decode(_ row: PostgresRow) throws -> Row {
        func amount(_ column: String) throws -> Int128 {
            let text = try row.decode(String.self, column)
            guard let value = Int128(text) else {
                throw PostgresError(.decoding, "column \"\(column)\" holds \(text), not a whole number of minor units", column: column)
            }
            return value
        }
        return Row(
            lender: try row.decode(String.self, "lender"), projects: try row.decode(Int.self, "projects"),
            committed: try amount("committed"), disbursed: try amount("disbursed"), undisbursed: try amount("undisbursed"),
            overDisbursed: try amount("over_disbursed"), repaid: try amount("repaid"), interest: try amount("interest"),
            missingRates: try row.decode(Int.self, "missing_rates"))
    }
}
