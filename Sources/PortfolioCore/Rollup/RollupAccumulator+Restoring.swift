extension RollupAccumulator {
    /// An accumulator holding exactly the projects a stored rollup was computed from, so that
    /// later changes can be removed and added without reading every project again.
    ///
    /// `fx` must be the table the rollup was computed with; throws when the rollup is in another
    /// currency or its rows are not consistent.
    public init(restoring rollup: Rollup, fx: FXTable) throws(DomainError) {
        self.init(currency: rollup.currency, fx: fx)
        for row in rollup.byStatus {
            guard let status = ProjectStatus(rawValue: row.key) else {
                throw DomainError("stored rollup has unknown status \(row.key)")
            }
            statuses[status] = RollupTally(projects: row.projects, value: row.value.minorUnits, counted: row.counted.minorUnits)
        }
        for row in rollup.bySector {
            sectors[row.key] = RollupTally(projects: row.projects, value: row.value.minorUnits, counted: row.counted.minorUnits)
        }
        for row in rollup.byLender {
            lenders[row.key] = RollupTally(projects: row.projects, value: row.value.minorUnits, counted: row.counted.minorUnits)
        }
        overall = RollupTally(projects: rollup.projectCount, value: rollup.total.minorUnits, counted: rollup.counted.minorUnits)
    }
}
