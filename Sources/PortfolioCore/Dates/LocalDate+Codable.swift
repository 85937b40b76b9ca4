extension LocalDate: Codable {
    /// Decodes `"YYYY-MM-DD"` with `parse(_:)`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try LocalDate.parse(text)
        } catch {
            throw DecodingError.refused(error, in: container)
        }
    }

    /// Encodes `"YYYY-MM-DD"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
