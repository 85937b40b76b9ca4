import Postgres
import PortfolioCore

/// Every FX rate, by currency, quote and date.
public struct ListFXRates: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        "SELECT currency, quote, rate_date, rate::text AS rate FROM fx_rates ORDER BY currency, quote, rate_date"
    }

    public func decode(_ row: PostgresRow) throws -> FXRate { try FXStore.rate(from: row, dateColumn: "rate_date") }
}
