extension Currency: Codable {
    /// Decodes the code as a string, refusing codes outside `Currency.all`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Currency(code: text)
        } catch {
            throw DecodingError.refused(error, in: container)
        }
    }

    /// Encodes the code as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
