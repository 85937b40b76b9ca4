extension FXRate: Codable {
    private enum CodingKeys: String, CodingKey {
        case currency, quote, date, rate
    }

    /// Decodes `{"currency", "quote", "date", "rate"}` (rate as a string, read by
    /// `FXRate.parseRate`) and validates it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try container.decode(Currency.self, forKey: .currency)
        let quote = try container.decode(Currency.self, forKey: .quote)
        let date = try container.decode(LocalDate.self, forKey: .date)
        let text = try container.decode(String.self, forKey: .rate)
        do {
            self = try FXRate(currency: currency, quote: quote, date: date, rate: try FXRate.parseRate(text))
        } catch {
            throw DecodingError.refused(error, forKey: .rate, in: container)
        }
    }

    /// Encodes `{"currency", "quote", "date", "rate"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(currency, forKey: .currency)
        try container.encode(quote, forKey: .quote)
        try container.encode(date, forKey: .date)
        try container.encode(rate, forKey: .rate)
    }
}
