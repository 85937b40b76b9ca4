extension ExactDecimal: Codable {
    /// Decodes the exact decimal from a string such as `"7.1234"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try ExactDecimal.parse(text)
        } catch {
            throw DecodingError.refused(error, in: container)
        }
    }

    /// Encodes the exact decimal as a string, so no precision is lost to binary floating point.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
