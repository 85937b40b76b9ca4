extension Money: Codable {
    private enum CodingKeys: String, CodingKey {
        case amount, currency
    }

    /// Decodes `{"amount": "1200.50", "currency": "USD"}`; the amount is a string, so it stays exact,
    /// and may be any 128-bit amount (a sum; stored values are checked where they are validated).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try container.decode(Currency.self, forKey: .currency)
        let amount = try container.decode(String.self, forKey: .amount)
        do {
            self = try Money.parse(amount, currency: currency, allowingNegative: true, largest: .max)
        } catch {
            throw DecodingError.refused(error, forKey: .amount, in: container)
        }
    }

    /// Encodes `{"amount": "1200.50", "currency": "USD"}` with `formatted()`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatted(), forKey: .amount)
        try container.encode(currency, forKey: .currency)
    }
}
