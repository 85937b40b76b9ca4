import Postgres
import PortfolioCore

/// Whether a rate converts `currency` into `quote` on or before `date`.
public struct RateExists: PostgresPreparedStatement {
    public var currency: Currency
    public var quote: Currency
    public var date: LocalDate

    public init(_ currency: Currency, into quote: Currency, onOrBefore date: LocalDate) {
        self.currency = currency
        self.quote = quote
        self.date = date
    }

    public var query: PostgresQuery {
        """
        SELECT EXISTS (SELECT 1 FROM fx_rates WHERE currency = \(currency.code) AND quote = \(quote.code)
                       AND rate_date <= \(bind: date.bind)) AS found
        """
    }

    public func decode(_ row: PostgresRow) throws -> Bool { try row.decode(Bool.self, "found") }
}
