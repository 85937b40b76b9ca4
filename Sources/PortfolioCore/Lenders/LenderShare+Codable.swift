extension LenderShare: Codable {
    private enum CodingKeys: String, CodingKey {
        case lender
        case basisPoints = "basis_points"
    }

    /// Decodes `{"lender", "basis_points"}` and validates it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let lender = try container.decode(String.self, forKey: .lender)
        let basisPoints = try container.decode(Int.self, forKey: .basisPoints)
        do {
            self = try LenderShare(lender: lender, basisPoints: basisPoints)
        } catch {
            throw DecodingError.refused(error, forKey: .basisPoints, in: container)
        }
    }

    /// Encodes `{"lender", "basis_points"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lender, forKey: .lender)
        try container.encode(basisPoints, forKey: .basisPoints)
    }
}
