/// One line of a rollup breakdown: a sector, status or lender, its project count and its amounts.
public struct RollupRow: Hashable, Sendable, Codable {
    /// The sector code, status name or lender name.
    public let key: String
    /// The projects in the line; for a lender, the projects it finances.
    public let projects: Int
    /// The value of the line in the reporting currency; for a lender, its shares of its projects.
    public let value: Money
    /// The part of `value` that counts against the target (committed, ongoing and finished).
    public let counted: Money

    /// Creates a row; `Rollup.init` checks rows against each other and the totals.
    public init(key: String, projects: Int, value: Money, counted: Money) {
        self.key = key
        self.projects = projects
        self.value = value
        self.counted = counted
    }

    /// An empty row for `key`: no projects, zero amounts.
    public static func empty(_ key: String, currency: Currency) -> RollupRow {
        RollupRow(key: key, projects: 0, value: .zero(currency), counted: .zero(currency))
    }

    /// Orders rows by value, largest first, then by key.
    static func precedes(_ lhs: RollupRow, _ rhs: RollupRow) -> Bool {
        if lhs.value.minorUnits != rhs.value.minorUnits {
            return lhs.value.minorUnits > rhs.value.minorUnits
        }
        return lhs.key < rhs.key
    }
}
