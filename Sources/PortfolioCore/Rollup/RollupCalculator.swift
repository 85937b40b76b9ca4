/// Computes a portfolio's rollup from its projects' facts.
public enum RollupCalculator {
    /// The rollup of `inputs` in `currency` against `target`, as of `asOf`.
    ///
    /// Each value converts at the latest rate on or before its value date. Throws, naming the
    /// project, when a rate is missing or a sum overflows. Inputs are read once and not kept.
    public static func compute(
        inputs: some Sequence<RollupInput>, fx: FXTable, currency: Currency, target: Target, asOf: LocalDate
    ) throws(DomainError) -> Rollup {
        var accumulator = RollupAccumulator(currency: currency, fx: fx)
        for input in inputs {
            try accumulator.add(input)
        }
        return try accumulator.result(target: target, asOf: asOf)
    }
}
