/// A portfolio's totals against its target on a date, in one reporting currency, exact to the minor unit.
///
/// Breakdowns list only keys with at least one project, largest value first, then by key. Each
/// breakdown's values add up exactly to `total` and its counted amounts to `counted`; a
/// co-financed project's value is split across its lenders (see `LenderShare.split(_:by:)`).
public struct Rollup: Hashable, Sendable {
    /// The date the rollup describes.
    public let asOf: LocalDate
    /// The reporting currency of every amount.
    public let currency: Currency
    /// The target in the reporting currency, greater than zero.
    public let target: Money
    /// The number of projects.
    public let projectCount: Int
    /// The value of every project, whatever its status.
    public let total: Money
    /// The value of committed, ongoing and finished projects: what counts against the target.
    public let counted: Money
    /// The value of pledged projects.
    public let pipeline: Money
    /// The value of suspended projects.
    public let suspended: Money
    /// The value of cancelled projects.
    public let cancelled: Money
    /// One row per sector code.
    public let bySector: [RollupRow]
    /// One row per status name.
    public let byStatus: [RollupRow]
    /// One row per lender name; a lender's projects are those it finances, its value its shares of them.
    public let byLender: [RollupRow]

    /// Checks the rows against each other and derives the totals from the status rows.
    ///
    /// Refused: a target not in `currency` or not above zero; a row in another currency, with no
    /// projects, a negative value, or a counted amount outside 0...value; a key twice in one
    /// breakdown; a status row whose key is not a status or whose counted amount is not its whole
    /// value (counted statuses) or zero (the others); sector rows whose projects, values or counted
    /// amounts do not add up to the totals; lender rows whose values or counted amounts do not
    /// add up to the totals, or that name more projects than there are. Rows are sorted.
    public init(
        asOf: LocalDate, currency: Currency, target: Money,
        bySector: [RollupRow], byStatus: [RollupRow], byLender: [RollupRow]
    ) throws(DomainError) {
        if target.currency != currency {
            throw DomainError("the target is in \(target.currency), not the reporting currency \(currency)", field: "target")
        }
        if target.minorUnits <= 0 {
            throw DomainError("target \(target) must be greater than zero", field: "target")
        }
        let statusRows = try Self.checkedRows(byStatus, breakdown: "status", currency: currency)
        let totals = try Self.statusTotals(statusRows, currency: currency)
        let sectorRows = try Self.checkedRows(bySector, breakdown: "sector", currency: currency)
        try Self.checkSums(sectorRows, breakdown: "sector", totals: totals, exactProjects: true)
        let lenderRows = try Self.checkedRows(byLender, breakdown: "lender", currency: currency)
        try Self.checkSums(lenderRows, breakdown: "lender", totals: totals, exactProjects: false)

        self.asOf = asOf
        self.currency = currency
        self.target = target
        self.projectCount = totals.projects
        self.total = totals.total
        self.counted = totals.counted
        self.pipeline = totals.pipeline
        self.suspended = totals.suspended
        self.cancelled = totals.cancelled
        self.bySector = sectorRows
        self.byStatus = statusRows
        self.byLender = lenderRows
    }

    /// The exact ratio counted / target.
    public var progress: ExactRatio {
        ExactRatio(reducing: counted.minorUnits, over: target.minorUnits)
    }

    /// Progress in basis points, rounded half to even: 7,000,000,000 of 8,000,000,000 is 8750.
    public var progressBasisPoints: Int {
        progress.basisPoints
    }

    /// Progress as a percentage with two decimals, rounded half to even, such as `87.50%`.
    public var progressText: String {
        progress.percentText
    }

    /// The value of the projects in `category`.
    public func amount(in category: StatusCategory) -> Money {
        switch category {
        case .counted: counted
        case .pipeline: pipeline
        case .suspended: suspended
        case .cancelled: cancelled
        }
    }
}
