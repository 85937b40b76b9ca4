extension ValidatedProject: Codable {
    enum CodingKeys: String, CodingKey {
        case code, name
        case sectorCode = "sector"
        case status, value
        case valueDate = "value_date"
        case lenders
        case startDate = "start_date"
        case endDate = "end_date"
        case location, description
    }

    /// Decodes the fields and checks them against the project rules.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                code: container.decode(ProjectCode.self, forKey: .code),
                name: container.decode(String.self, forKey: .name),
                sectorCode: container.decode(String.self, forKey: .sectorCode),
                status: container.decode(ProjectStatus.self, forKey: .status),
                value: container.decode(Money.self, forKey: .value),
                valueDate: container.decode(LocalDate.self, forKey: .valueDate),
                lenders: container.decode([LenderShare].self, forKey: .lenders),
                startDate: container.decodeIfPresent(LocalDate.self, forKey: .startDate),
                endDate: container.decodeIfPresent(LocalDate.self, forKey: .endDate),
                location: container.decodeIfPresent(String.self, forKey: .location),
                description: container.decodeIfPresent(String.self, forKey: .description)
            )
        } catch let failure as ValidationFailure {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: failure.description)
            )
        }
    }

    /// Encodes the fields with snake-case keys; absent optional fields are omitted.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encode(sectorCode, forKey: .sectorCode)
        try container.encode(status, forKey: .status)
        try container.encode(value, forKey: .value)
        try container.encode(valueDate, forKey: .valueDate)
        try container.encode(lenders, forKey: .lenders)
        try container.encodeIfPresent(startDate, forKey: .startDate)
        try container.encodeIfPresent(endDate, forKey: .endDate)
        try container.encodeIfPresent(location, forKey: .location)
        try container.encodeIfPresent(description, forKey: .description)
    }
}
