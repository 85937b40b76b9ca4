/// An exchange rate on a date: `rate` units of `quote` buy one unit of `currency`.
public struct FXRate: Hashable, Sendable, CustomStringConvertible {
    /// The currency being priced, such as CNY.
    public let currency: Currency
    /// The currency the price is in (the reporting currency), such as USD.
    public let quote: Currency
    /// The date the rate applies from.
    public let date: LocalDate
    /// Units of `quote` per one unit of `currency`; greater than zero, with at most
    /// `FXRate.maxScale` decimals and at most `FXRate.maxRate`.
    public let rate: ExactDecimal

    /// Digits a rate may have after the decimal point: the store keeps rates as
    /// `numeric(30, 12)`, which would round a longer fraction.
    public static let maxScale = 12
    /// Digits a rate may have before the decimal point (30 − 12).
    public static let maxIntegerDigits = 18
    /// The largest rate: 1,000,000 units of the quote for one unit of the currency. Far above any
    /// rate between the supported currencies (about 85,000 VND per KWD), and the bound that keeps a
    /// converted value, and so every sum of the portfolio, within range (see `Money.maxValueMinorUnits`).
    public static let maxRate = ExactDecimal(1_000_000)

    /// Validates and creates a rate; the two currencies must differ and the rate be within
    /// (0, `maxRate`] and have at most `maxScale` decimals.
    public init(currency: Currency, quote: Currency, date: LocalDate, rate: ExactDecimal) throws(DomainError) {
        if currency == quote {
            throw DomainError("a rate from \(currency) to itself is always 1; give two different currencies", field: "quote")
        }
        try Self.checkRate(rate, shown: rate.description)
        self.currency = currency
        self.quote = quote
        self.date = date
        self.rate = rate
    }

    /// `CNY/USD 2026-01-01 0.14`.
    public var description: String {
        "\(currency)/\(quote) \(date) \(rate)"
    }
}
