extension RollupAccumulator {
    /// Adds `projects` projects of one sector and status whose values, already in the reporting
    /// currency, add up to `value` minor units.
    ///
    /// With `addLenderParts(_:projects:value:counted:)` and `addFinancing(of:counts:shares:)` for
    /// the same projects' lenders, this adds exactly what `add(_:)` adds project by project, so a
    /// database can sum the rows and hand over the sums. Throws and changes nothing on overflow
    /// or a negative amount.
    public mutating func addGroup(sector: String, status: ProjectStatus, projects: Int, value: Int64) throws(DomainError) {
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

    /// Adds a lender's parts of `projects` projects, each financed by that lender alone or already
    /// split: `value` in the reporting currency, `counted` of it in counted statuses.
    public mutating func addLenderParts(_ lender: String, projects: Int, value: Int64, counted: Int64) throws(DomainError) {
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

    /// Splits one project's `value` (in the reporting currency) by `shares` as `add(_:)` does and
    /// adds each lender's part; the project's sector and status are added by `addGroup`.
    public mutating func addFinancing(of value: Int64, counts: Bool, shares: [LenderShare]) throws(DomainError) {
        let parts = try LenderShare.split(Money(minorUnits: value, currency: currency), by: shares)
        var updated: [(String, RollupTally)] = []
        updated.reserveCapacity(shares.count)
        for (share, part) in zip(shares, parts) {
            guard let tally = lenders[share.lender, default: RollupTally()]
                .adding(value: part.minorUnits, counted: counts ? part.minorUnits : 0)
            else { throw DomainError("adding the parts of lender \(share.lender) makes the rollup too large") }
            updated.append((share.lender, tally))
        }
        for (name, tally) in updated {
            lenders[name] = tally
        }
    }
}
