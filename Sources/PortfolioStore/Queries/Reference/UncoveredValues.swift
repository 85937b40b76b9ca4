import Postgres
import PortfolioCore

/// The values of projects, their history and the ledger's transactions with no rate into
/// `quote` on or before their value date, by currency: how many, the first few codes, and the earliest value date.
struct UncoveredValues: PostgresPreparedStatement {
    var quote: Currency

    var query: PostgresQuery {
        """
        SELECT v.currency, count(*) AS values, min(v.value_date) AS earliest,
               (array_agg(DISTINCT p.code))[1:3] AS codes
        FROM (SELECT id AS project_id, currency, value_date FROM projects
              UNION SELECT project_id, currency, value_date FROM value_history
              UNION SELECT project_id, currency, value_date FROM ledger_transactions) v
        JOIN projects p ON p.id = v.project_id
        WHERE v.currency <> \(quote.code)::char(3)
          AND NOT EXISTS (SELECT 1 FROM fx_rates r WHERE r.currency = v.currency AND r.quote = \(quote.code)::char(3)
                          AND r.rate_date <= v.value_date)
        GROUP BY v.currency ORDER BY v.currency
        """
    }

    func decode(_ row: PostgresRow) throws -> RateCoverage.Uncovered {
        RateCoverage.Uncovered(
            currency: try row.currency("currency"), values: try row.decode(Int.self, "values"),
            codes: try row.decode([String].self, "codes"), earliest: try row.localDate("earliest"))
    }
}
