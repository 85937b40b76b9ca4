extension FinancingBreakdown {
    /// Each row's value in `rollup` by this breakdown's key, in minor units: the sums every
    /// project's converted value, split by its lenders' shares, adds to.
    public func values(of rollup: Rollup) -> [String: Int128] {
        switch self {
        case .sector: Dictionary(rollup.bySector.map { ($0.key, $0.value.minorUnits) }, uniquingKeysWith: +)
        case .status: Dictionary(rollup.byStatus.map { ($0.key, $0.value.minorUnits) }, uniquingKeysWith: +)
        case .lender: Dictionary(rollup.byLender.map { ($0.key, $0.value.minorUnits) }, uniquingKeysWith: +)
        case .category:
            Dictionary(uniqueKeysWithValues: StatusCategory.allCases.map { category in
                (category == .pipeline ? "pledged" : category.rawValue, rollup.amount(in: category).minorUnits)
            })
        }
    }
}

extension Financing {
    /// The financing lines of `breakdown` from the rollup of the whole portfolio on the date
    /// and only the projects the ledger or the pipeline touch: `inputs` must hold every pledged
    /// project and every project with a transaction in `ledger` (others may be there too).
    ///
    /// A project outside `inputs` has no transaction, so its lenders' parts are committed and
    /// undisbursed whole: the rollup's row values, less the parts of the projects in `inputs`
    /// (pledged ones included), give them without reading the rest of the portfolio. The
    /// figures equal `compute(inputs:ledger:fx:currency:by:)` over the whole portfolio, except
    /// `projects`, which counts only the pairs of `inputs` and the ledger.
    public static func compute(
        rollup: Rollup, inputs: [RollupInput], ledger: [LedgerSum], fx: FXTable, by breakdown: FinancingBreakdown
    ) throws(DomainError) -> [Financing] {
        let currency = rollup.currency
        var lines = Dictionary(try compute(inputs: inputs, ledger: ledger, fx: fx, currency: currency, by: breakdown).map { ($0.key, $0) },
                               uniquingKeysWith: { $0.adding($1) })
        // What the rollup holds beyond `inputs`: the parts of the projects left out.
        var rest = breakdown.values(of: rollup)
        for input in inputs {
            for part in try input.lenderParts(in: currency, fx: fx) {
                rest[breakdown.key(of: input, lender: part.lender), default: 0] -= part.minorUnits
            }
        }
        for (key, amount) in rest where amount != 0 {
            let line = Financing(key: key, projects: 0, committed: amount, disbursed: 0, undisbursed: amount, overDisbursed: 0,
                                 repaid: 0, interest: 0)
            lines[key] = lines[key].map { $0.adding(line) } ?? line
        }
        return ordered(lines.values)
    }
}
