/// A running count and sum for one rollup key, in minor units of the reporting currency.
struct RollupTally: Hashable, Sendable {
    /// The projects in the key.
    var projects = 0
    /// The value, in minor units.
    var value: Int128 = 0
    /// The counted value, in minor units.
    var counted: Int128 = 0

    /// The tally with one more project of `value` and `counted`, or `nil` on overflow.
    func adding(value: Int128, counted: Int128) -> RollupTally? {
        let (projects, overflow1) = projects.addingReportingOverflow(1)
        let (value, overflow2) = self.value.addingReportingOverflow(value)
        let (counted, overflow3) = self.counted.addingReportingOverflow(counted)
        if overflow1 || overflow2 || overflow3 { return nil }
        return RollupTally(projects: projects, value: value, counted: counted)
    }

    /// The tally with one project of `value` and `counted` less, or `nil` when that cannot have been added:
    /// a count or amount would go below zero, or no project would remain while an amount does.
    func removing(value: Int128, counted: Int128) -> RollupTally? {
        guard projects >= 1, self.value >= value, self.counted >= counted, value >= 0, counted >= 0 else { return nil }
        let rest = RollupTally(projects: projects - 1, value: self.value - value, counted: self.counted - counted)
        if rest.projects == 0 && (rest.value != 0 || rest.counted != 0) { return nil }
        return rest
    }

    /// The row for `key` in `currency`.
    func row(_ key: String, currency: Currency) -> RollupRow {
        RollupRow(
            key: key, projects: projects,
            value: Money(minorUnits: value, currency: currency),
            counted: Money(minorUnits: counted, currency: currency)
        )
    }
}

extension RollupTally {
    /// The sum of two tallies, or `nil` on overflow.
    func merging(_ other: RollupTally) -> RollupTally? {
        let (projects, overflow1) = projects.addingReportingOverflow(other.projects)
        let (value, overflow2) = value.addingReportingOverflow(other.value)
        let (counted, overflow3) = counted.addingReportingOverflow(other.counted)
        if overflow1 || overflow2 || overflow3 { return nil }
        return RollupTally(projects: projects, value: value, counted: counted)
    }
}
