extension Rollup: Codable {
    private enum CodingKeys: String, CodingKey {
        case asOf = "as_of"
        case currency, target
        case projectCount = "project_count"
        case total, counted, pipeline, suspended, cancelled
        case progress
        case progressBasisPoints = "progress_basis_points"
        case progressText = "progress_text"
        case bySector = "by_sector"
        case byStatus = "by_status"
        case byLender = "by_lender"
    }

    /// Decodes the rows and checks them as `init(asOf:currency:target:bySector:byStatus:byLender:)` does;
    /// totals and progress, when present, must equal those derived from the rows.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                asOf: container.decode(LocalDate.self, forKey: .asOf),
                currency: container.decode(Currency.self, forKey: .currency),
                target: container.decode(Money.self, forKey: .target),
                bySector: container.decode([RollupRow].self, forKey: .bySector),
                byStatus: container.decode([RollupRow].self, forKey: .byStatus),
                byLender: container.decode([RollupRow].self, forKey: .byLender)
            )
        } catch let error as DomainError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description)
            )
        }
        try check(container, .projectCount, projectCount)
        try check(container, .total, total)
        try check(container, .counted, counted)
        try check(container, .pipeline, pipeline)
        try check(container, .suspended, suspended)
        try check(container, .cancelled, cancelled)
        try check(container, .progress, progress)
        try check(container, .progressBasisPoints, progressBasisPoints)
        try check(container, .progressText, progressText)
    }

    /// Encodes every field, the derived totals and progress included, with snake-case keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(currency, forKey: .currency)
        try container.encode(target, forKey: .target)
        try container.encode(projectCount, forKey: .projectCount)
        try container.encode(total, forKey: .total)
        try container.encode(counted, forKey: .counted)
        try container.encode(pipeline, forKey: .pipeline)
        try container.encode(suspended, forKey: .suspended)
        try container.encode(cancelled, forKey: .cancelled)
        try container.encode(progress, forKey: .progress)
        try container.encode(progressBasisPoints, forKey: .progressBasisPoints)
        try container.encode(progressText, forKey: .progressText)
        try container.encode(bySector, forKey: .bySector)
        try container.encode(byStatus, forKey: .byStatus)
        try container.encode(byLender, forKey: .byLender)
    }

    /// Refuses a derived field whose stored value differs from the one the rows give.
    private func check<Value: Decodable & Equatable & CustomStringConvertible>(
        _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, _ derived: Value
    ) throws {
        guard let stored = try container.decodeIfPresent(Value.self, forKey: key), stored != derived else { return }
        throw DecodingError.dataCorruptedError(
            forKey: key, in: container,
            debugDescription: "\(key.stringValue) is \(stored) but the rows give \(derived)"
        )
    }
}
