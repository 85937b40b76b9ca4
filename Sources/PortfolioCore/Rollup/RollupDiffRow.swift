/// How one key of a rollup breakdown changed: the row before and after, and the differences.
public struct RollupDiffRow: Hashable, Sendable {
    /// The sector code, status name or lender name.
    public let key: String
    /// The row before; no projects and zero amounts when the key was absent.
    public let before: RollupRow
    /// The row after; no projects and zero amounts when the key is gone.
    public let after: RollupRow
    /// After's value less before's; negative when the value fell.
    public let delta: Money
    /// After's counted amount less before's.
    public let countedDelta: Money
    /// After's project count less before's.
    public let projectsDelta: Int

    /// Compares two rows of `key`; both must be in one currency.
    public init(key: String, before: RollupRow, after: RollupRow) throws(DomainError) {
        self.key = key
        self.before = before
        self.after = after
        self.delta = try after.value.subtracting(before.value)
        self.countedDelta = try after.counted.subtracting(before.counted)
        let (projects, overflow) = after.projects.subtractingReportingOverflow(before.projects)
        if overflow {
            throw DomainError("the change in projects of \(TextRules.quoted(key)) is too large")
        }
        self.projectsDelta = projects
    }

    /// Whether the project count, value or counted amount differs.
    public var isChanged: Bool {
        projectsDelta != 0 || delta.minorUnits != 0 || countedDelta.minorUnits != 0
    }

    /// Orders by the size of the value change, largest first, then by key.
    static func precedes(_ lhs: RollupDiffRow, _ rhs: RollupDiffRow) -> Bool {
        let left = lhs.delta.minorUnits.magnitude
        let right = rhs.delta.minorUnits.magnitude
        if left != right { return left > right }
        return lhs.key < rhs.key
    }
}

extension RollupDiffRow: Codable {
    private enum CodingKeys: String, CodingKey {
        case key, before, after, delta
        case countedDelta = "counted_delta"
        case projectsDelta = "projects_delta"
    }

    /// Decodes `key`, `before` and `after`; the differences are recomputed, not trusted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let key = try container.decode(String.self, forKey: .key)
        let before = try container.decode(RollupRow.self, forKey: .before)
        let after = try container.decode(RollupRow.self, forKey: .after)
        do {
            try self.init(key: key, before: before, after: after)
        } catch {
            throw DecodingError.refused(error, forKey: .after, in: container)
        }
    }

    /// Encodes the rows and the differences with snake-case keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(before, forKey: .before)
        try container.encode(after, forKey: .after)
        try container.encode(delta, forKey: .delta)
        try container.encode(countedDelta, forKey: .countedDelta)
        try container.encode(projectsDelta, forKey: .projectsDelta)
    }
}
