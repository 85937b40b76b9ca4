extension ExactRatio: Codable {
    private enum CodingKeys: String, CodingKey {
        case numerator, denominator
    }

    /// Decodes `{"numerator", "denominator"}`, refusing a denominator that is not positive.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let numerator = try container.decode(Int64.self, forKey: .numerator)
        let denominator = try container.decode(Int64.self, forKey: .denominator)
        do {
            try self.init(numerator, over: denominator)
        } catch {
            throw DecodingError.refused(error, forKey: .denominator, in: container)
        }
    }

    /// Encodes `{"numerator", "denominator"}` in lowest terms.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(numerator, forKey: .numerator)
        try container.encode(denominator, forKey: .denominator)
    }
}
