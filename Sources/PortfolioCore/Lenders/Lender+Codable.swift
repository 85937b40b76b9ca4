extension Lender: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, country, kind
    }

    /// Decodes `{"name", "country", "kind"}` and validates it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let country = try container.decode(String.self, forKey: .country)
        let kind = try container.decode(LenderKind.self, forKey: .kind)
        do {
            self = try Lender(name: name, country: country, kind: kind)
        } catch {
            throw DecodingError.refused(error, forKey: .name, in: container)
        }
    }

    /// Encodes `{"name", "country", "kind"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(country, forKey: .country)
        try container.encode(kind, forKey: .kind)
    }
}
