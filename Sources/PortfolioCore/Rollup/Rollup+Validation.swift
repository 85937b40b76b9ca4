extension Rollup {
    /// The totals a rollup derives from its status rows.
    struct Totals {
        var projects = 0
        var total: Money
        var counted: Money
        var pipeline: Money
        var suspended: Money
        var cancelled: Money
    }

    /// `rows` sorted, after checking each row on its own and that no key appears twice.
    static func checkedRows(_ rows: [RollupRow], breakdown: String, currency: Currency) throws(DomainError) -> [RollupRow] {
        var keys: Set<String> = []
        for row in rows {
            let name = "\(breakdown) row \(TextRules.quoted(row.key))"
            if row.key.isEmpty {
                throw DomainError("a \(breakdown) row has an empty key")
            }
            if !keys.insert(row.key).inserted {
                throw DomainError("\(name) appears more than once")
            }
            if row.value.currency != currency || row.counted.currency != currency {
                throw DomainError("\(name) is not in the reporting currency \(currency)")
            }
            if row.projects < 1 {
                throw DomainError("\(name) has \(row.projects) projects; a row needs at least one")
            }
            if row.value.isNegative || row.counted.isNegative || row.counted.minorUnits > row.value.minorUnits {
                throw DomainError("\(name) has value \(row.value) and counted \(row.counted); counted must be within 0 and the value")
            }
        }
        return rows.sorted(by: RollupRow.precedes)
    }

    /// The project count and the amount of each category, from checked status rows.
    static func statusTotals(_ rows: [RollupRow], currency: Currency) throws(DomainError) -> Totals {
        let zero = Money.zero(currency)
        var totals = Totals(total: zero, counted: zero, pipeline: zero, suspended: zero, cancelled: zero)
        for row in rows {
            guard let status = ProjectStatus(rawValue: row.key) else {
                throw DomainError("status row \(TextRules.quoted(row.key)) does not name a status")
            }
            let expected = status.countsTowardTarget ? row.value : zero
            if row.counted != expected {
                throw DomainError("status row \(TextRules.quoted(row.key)) has counted \(row.counted); it must be \(expected)")
            }
            totals.projects = try add(totals.projects, row.projects)
            totals.total = try totals.total.adding(row.value)
            switch status.category {
            case .counted: totals.counted = try totals.counted.adding(row.value)
            case .pipeline: totals.pipeline = try totals.pipeline.adding(row.value)
            case .suspended: totals.suspended = try totals.suspended.adding(row.value)
            case .cancelled: totals.cancelled = try totals.cancelled.adding(row.value)
            }
        }
        return totals
    }

    /// Checks that a breakdown adds up to the totals; with `exactProjects` its projects add up to the count too,
    /// otherwise (lenders) each row has at most that many projects and together at least that many.
    static func checkSums(_ rows: [RollupRow], breakdown: String, totals: Totals, exactProjects: Bool) throws(DomainError) {
        var projects = 0
        var value = Money.zero(totals.total.currency)
        var counted = value
        for row in rows {
            if row.projects > totals.projects {
                throw DomainError(
                    "\(breakdown) row \(TextRules.quoted(row.key)) has \(row.projects) projects; there are \(totals.projects)"
                )
            }
            projects = try add(projects, row.projects)
            value = try value.adding(row.value)
            counted = try counted.adding(row.counted)
        }
        if exactProjects ? projects != totals.projects : projects < totals.projects {
            throw DomainError("\(breakdown) rows hold \(projects) projects; the status rows hold \(totals.projects)")
        }
        if value != totals.total {
            throw DomainError("\(breakdown) rows add up to \(value), not the total \(totals.total)")
        }
        if counted != totals.counted {
            throw DomainError("\(breakdown) rows count \(counted), not the counted total \(totals.counted)")
        }
    }

    private static func add(_ lhs: Int, _ rhs: Int) throws(DomainError) -> Int {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        if overflow {
            throw DomainError("a rollup's project count is too large")
        }
        return sum
    }
}
