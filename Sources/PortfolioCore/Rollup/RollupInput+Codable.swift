extension RollupInput: Codable {
    private enum CodingKeys: String, CodingKey {
        case code
        case sectorCode = "sector"
        case status, value
        case valueDate = "value_date"
        case lenders
    }

    /// Decodes `{"code", "sector", "status", "value", "value_date", "lenders"}` and validates it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = try container.decode(ProjectCode.self, forKey: .code)
        let sectorCode = try container.decode(String.self, forKey: .sectorCode)
        let status = try container.decode(ProjectStatus.self, forKey: .status)
        let value = try container.decode(Money.self, forKey: .value)
        let valueDate = try container.decode(LocalDate.self, forKey: .valueDate)
        let lenders = try container.decode([LenderShare].self, forKey: .lenders)
        do {
            try self.init(
                code: code, sectorCode: sectorCode, status: status, value: value, valueDate: valueDate, lenders: lenders
            )
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description)
            )
        }
    }

    /// Encodes the fields with the same keys as a project.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(sectorCode, forKey: .sectorCode)
        try container.encode(status, forKey: .status)
        try container.encode(value, forKey: .value)
        try container.encode(valueDate, forKey: .valueDate)
        try container.encode(lenders, forKey: .lenders)
    }
}
