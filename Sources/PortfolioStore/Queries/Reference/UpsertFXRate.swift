import Postgres
import PortfolioCore

/// Stores an FX rate, replacing the one of its currency, quote and date.
public struct UpsertFXRate: PostgresPreparedStatement {
    public var rate: FXRate

    public init(_ rate: FXRate) { self.rate = rate }

    public var query: PostgresQuery {
        """
        INSERT INTO fx_rates (currency, quote, rate_date, rate)
        VALUES (\(rate.currency.code), \(rate.quote.code), \(bind: rate.date.bind), \(bind: PostgresBind(type: .numeric, text: rate.rate.description)))
        ON CONFLICT (currency, quote, rate_date) DO UPDATE SET rate = EXCLUDED.rate, created_at = now()
        """
    }
}
