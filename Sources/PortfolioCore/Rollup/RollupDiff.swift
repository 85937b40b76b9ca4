/// What changed between two rollups in one currency: the totals, and each breakdown's changed rows.
public struct RollupDiff: Hashable, Sendable, Codable {
    /// The reporting currency of both rollups.
    public let currency: Currency
    /// The date of the earlier rollup.
    public let beforeAsOf: LocalDate
    /// The date of the later rollup.
    public let afterAsOf: LocalDate
    /// The whole portfolio, keyed `total`: project count, total and counted, before and after.
    public let total: RollupDiffRow
    /// Sectors whose project count, value or counted amount changed, largest value change first.
    public let bySector: [RollupDiffRow]
    /// Statuses whose project count or value changed, largest value change first.
    public let byStatus: [RollupDiffRow]
    /// Lenders whose project count, value or counted amount changed, largest value change first.
    public let byLender: [RollupDiffRow]

    private enum CodingKeys: String, CodingKey {
        case currency
        case beforeAsOf = "before_as_of"
        case afterAsOf = "after_as_of"
        case total
        case bySector = "by_sector"
        case byStatus = "by_status"
        case byLender = "by_lender"
    }

    /// Compares `before` with `after`; throws when they are in different currencies.
    ///
    /// A key present on one side only is compared with an empty row (no projects, zero amounts).
    public init(before: Rollup, after: Rollup) throws(DomainError) {
        if before.currency != after.currency {
            throw DomainError("cannot compare a \(before.currency) rollup with a \(after.currency) rollup")
        }
        let currency = before.currency
        self.currency = currency
        self.beforeAsOf = before.asOf
        self.afterAsOf = after.asOf
        self.total = try RollupDiffRow(
            key: "total",
            before: RollupRow(key: "total", projects: before.projectCount, value: before.total, counted: before.counted),
            after: RollupRow(key: "total", projects: after.projectCount, value: after.total, counted: after.counted)
        )
        self.bySector = try Self.changes(before.bySector, after.bySector, currency: currency)
        self.byStatus = try Self.changes(before.byStatus, after.byStatus, currency: currency)
        self.byLender = try Self.changes(before.byLender, after.byLender, currency: currency)
    }

    /// The change of the total value; negative when it fell.
    public var totalDelta: Money { total.delta }

    /// The change of the counted value; negative when it fell.
    public var countedDelta: Money { total.countedDelta }

    /// Whether nothing changed but, perhaps, the dates.
    public var isEmpty: Bool {
        !total.isChanged && bySector.isEmpty && byStatus.isEmpty && byLender.isEmpty
    }

    private static func changes(
        _ before: [RollupRow], _ after: [RollupRow], currency: Currency
    ) throws(DomainError) -> [RollupDiffRow] {
        let old = Dictionary(before.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [RollupDiffRow] = []
        for key in Set(old.keys).union(new.keys) {
            let row = try RollupDiffRow(
                key: key,
                before: old[key] ?? .empty(key, currency: currency),
                after: new[key] ?? .empty(key, currency: currency)
            )
            if row.isChanged { rows.append(row) }
        }
        return rows.sorted(by: RollupDiffRow.precedes)
    }
}
