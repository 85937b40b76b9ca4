import Postgres
import PortfolioCore

/// Staged rows in another currency than `reporting` with no rate into it on or before their
/// value date.
public struct UncoveredStagedValues: PostgresPreparedStatement {
    public var reporting: String

    public init(reporting: String) {
        self.reporting = reporting
    }

    public var query: PostgresQuery {
        """
        SELECT s.line, s.currency, s.value_date FROM import_staging s
        WHERE s.currency <> \(reporting)::text
          AND NOT EXISTS (SELECT 1 FROM fx_rates r WHERE r.currency = s.currency::char(3) AND r.quote = \(reporting)::char(3)
                          AND r.rate_date <= s.value_date)
        ORDER BY s.line
        """
    }

    public func decode(_ row: PostgresRow) throws -> (line: Int, currency: Currency, valueDate: LocalDate) {
        (try row.decode(Int.self, "line"), try row.currency("currency"), try row.localDate("value_date"))
    }
}
