extension FXRate {
    /// What identifies a rate: its currency, quote and date. The store keeps one rate per key.
    public struct Key: Hashable, Sendable, CustomStringConvertible {
        public let currency: Currency
        public let quote: Currency
        public let date: LocalDate

        /// `CNY/USD on 2024-01-02`.
        public var description: String { "\(currency)/\(quote) on \(date)" }
    }

    /// This rate's currency, quote and date.
    public var key: Key { Key(currency: currency, quote: quote, date: date) }
}
