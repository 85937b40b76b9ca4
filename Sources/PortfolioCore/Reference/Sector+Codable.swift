extension Sector: Codable {
    private enum CodingKeys: String, CodingKey {
        case code, name
        case dacCode = "dac_code"
    }

    /// Decodes `{"code", "name", "dac_code"}` and validates it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = try container.decode(String.self, forKey: .code)
        let name = try container.decode(String.self, forKey: .name)
        let dac = try container.decodeIfPresent(String.self, forKey: .dacCode)
        do {
            self = try Sector(code: code, name: name, dacCode: dac)
        } catch {
            throw DecodingError.refused(error, forKey: .code, in: container)
        }
    }

    /// Encodes `{"code", "name", "dac_code"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(dacCode, forKey: .dacCode)
    }
}
