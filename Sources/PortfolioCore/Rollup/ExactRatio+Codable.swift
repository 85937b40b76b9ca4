extension ExactRatio: Codable {
    private enum CodingKeys: String, CodingKey {
        case numerator, denominator
    }

    /// Decodes `{"numerator", "denominator"}`, each a JSON integer or, beyond 64 bits, a string of
    /// digits; refuses a denominator that is not positive.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let numerator = try Self.decodeInteger(container, .numerator)
        let denominator = try Self.decodeInteger(container, .denominator)
        do {
            try self.init(numerator, over: denominator)
        } catch {
            throw DecodingError.refused(error, forKey: .denominator, in: container)
        }
    }

    /// Encodes `{"numerator", "denominator"}` in lowest terms: JSON integers when they fit 64 bits,
    /// strings of digits otherwise.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try Self.encodeInteger(numerator, &container, .numerator)
        try Self.encodeInteger(denominator, &container, .denominator)
    }

    private static func decodeInteger(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Int128 {
        if let small = try? container.decode(Int64.self, forKey: key) { return Int128(small) }
        let text = try container.decode(String.self, forKey: key)
        guard let value = Int128(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(text) is not an integer")
        }
        return value
    }

    private static func encodeInteger(_ value: Int128, _ container: inout KeyedEncodingContainer<CodingKeys>, _ key: CodingKeys) throws {
        if let small = Int64(exactly: value) {
            try container.encode(small, forKey: key)
        } else {
            try container.encode(String(value), forKey: key)
        }
    }
}
