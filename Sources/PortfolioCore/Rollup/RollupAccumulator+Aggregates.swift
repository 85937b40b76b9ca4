extension RollupAccumulator {
    /// Adds `projects` projects of one sector and status whose values, already in the reporting
    /// currency, add up to `value` minor units.
    ///
    /// With `addLenderParts(_:projects:value:counted:)` for the same projects' lenders (their
    /// parts as `LenderShare.split` gives them), this adds exactly what `add(_:)` adds project by
    /// project, so a database can sum the rows and hand over the sums. Throws and changes nothing on overflow
    /// or a negative amount.
    public mutating func addGroup(sector: String, status: ProjectStatus, projects: Int, value: Int128) throws(DomainError) {
        guard projects >= 0, value >= 0 else {
            throw DomainError("a rollup group cannot have \(projects) projects worth \(value)")
        }
        let counted = status.countsTowardTarget ? value : 0
        let group = RollupTally(projects: projects, value: value, counted: counted)
        guard let overall = overall.merging(group),
              let sectorTally = sectors[sector, default: RollupTally()].merging(group),
              let statusTally = statuses[status, default: RollupTally()].merging(group)
        else { throw DomainError("adding \(projects) \(status.rawValue) projects of sector \(sector) makes the rollup too large") }
        guard projects > 0 else { return }
        self.overall = overall
        sectors[sector] = sectorTally
        statuses[status] = statusTally
    }

    /// Adds a lender's parts of `projects` projects, already split and in the reporting currency:
    /// `value` in all, `counted` of it in counted statuses.
    public mutating func addLenderParts(_ lender: String, projects: Int, value: Int128, counted: Int128) throws(DomainError) {
        guard projects >= 0, value >= 0, (0...value).contains(counted) else {
            throw DomainError("lender \(lender) cannot have \(projects) projects worth \(value), \(counted) counted")
        }
        guard projects > 0 else { return }
        let parts = RollupTally(projects: projects, value: value, counted: counted)
        guard let tally = lenders[lender, default: RollupTally()].merging(parts) else {
            throw DomainError("adding the parts of lender \(lender) makes the rollup too large")
        }
        lenders[lender] = tally
    }
}
