/// The financing lines of a whole portfolio by sector, status and lender, in one currency, kept
/// current one project at a time: adding a project's facts and ledger adds its lines (those
/// `Financing.compute` gives for it alone), removing them subtracts the same lines exactly.
///
/// Every figure of a line is a sum over its project–lender pairs (undisbursed and
/// over-disbursed are taken per pair first), so the lines of a portfolio are the sums of its
/// projects' lines, and a snapshot can keep them current at the cost of the changes. The rates
/// are fixed by the caller: a change of rates asks for a recomputation, as for the rollup.
public struct FinancingLines: Hashable, Sendable {
    /// The breakdowns kept; `category` is derived from `status`.
    public static let kept: [FinancingBreakdown] = [.sector, .status, .lender]

    /// The currency of every figure.
    public let currency: Currency
    var lines: [FinancingBreakdown: [String: Financing]] = [:]

    /// No project yet.
    public init(currency: Currency) {
        self.currency = currency
    }

    /// The lines of a whole portfolio, as computed for each kept breakdown.
    public init(currency: Currency, lines: [FinancingBreakdown: [Financing]]) {
        self.currency = currency
        for breakdown in Self.kept {
            self.lines[breakdown] = Dictionary((lines[breakdown] ?? []).map { ($0.key, $0) }, uniquingKeysWith: { $0.adding($1) })
        }
    }

    /// The ordered lines of `breakdown` (largest commitment first, then by key).
    public func lines(by breakdown: FinancingBreakdown) -> [Financing] {
        guard breakdown == .category else { return Financing.ordered((lines[breakdown] ?? [:]).values) }
        var categories: [String: Financing] = [:]
        for line in (lines[.status] ?? [:]).values {
            let key = ProjectStatus(rawValue: line.key).map { FinancingBreakdown.category.key(ofStatus: $0) } ?? line.key
            let renamed = Financing.zero(key).adding(line)
            categories[key] = categories[key].map { $0.adding(renamed) } ?? renamed
        }
        return Financing.ordered(categories.values)
    }

    /// Adds one project's lines: from its facts and its ledger's sums in `currency`.
    public mutating func add(_ project: RollupInput, ledger: [LedgerSum], fx: FXTable) throws(DomainError) {
        for breakdown in Self.kept {
            for line in try Financing.compute(inputs: [project], ledger: ledger, fx: fx, currency: currency, by: breakdown) {
                lines[breakdown, default: [:]][line.key] = lines[breakdown]?[line.key].map { $0.adding(line) } ?? line
            }
        }
    }

    /// Subtracts one project's lines exactly as `add` added them; throws and changes nothing
    /// when they cannot have been added (a line would lose more pairs than it has).
    public mutating func remove(_ project: RollupInput, ledger: [LedgerSum], fx: FXTable) throws(DomainError) {
        var next = lines
        for breakdown in Self.kept {
            for line in try Financing.compute(inputs: [project], ledger: ledger, fx: fx, currency: currency, by: breakdown) {
                guard let held = next[breakdown]?[line.key], held.projects >= line.projects else {
                    throw DomainError("project \(project.code) cannot be removed: the financing lines do not hold its \(breakdown) \(line.key)")
                }
                let rest = held.subtracting(line)
                if rest.projects == 0 && rest != .zero(line.key) {
                    throw DomainError("project \(project.code) cannot be removed: the financing lines do not hold its \(breakdown) \(line.key)")
                }
                next[breakdown]?[line.key] = rest.projects == 0 ? nil : rest
            }
        }
        lines = next
    }
}

extension Financing {
    /// These figures less `other`'s, under this line's key.
    public func subtracting(_ other: Financing) -> Financing {
        Financing(
            key: key, projects: projects - other.projects, committed: committed - other.committed,
            disbursed: disbursed - other.disbursed, undisbursed: undisbursed - other.undisbursed,
            overDisbursed: overDisbursed - other.overDisbursed, repaid: repaid - other.repaid, interest: interest - other.interest)
    }
}
