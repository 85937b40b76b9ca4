import Foundation
import Postgres
import PortfolioCore

extension LedgerStore {
    /// Each lender's financing on `asOf` in `currency` (the target's when nil), from one view:
    /// the projects as they were on that date (rebuilt from the history of every field, as
    /// `report --as-of` does) and the ledger's transactions dated up to it.
    ///
    /// - Throws: `StoreError.invalid` when a value or transaction has no rate into the currency.
    /// With `recordedBy`, only what was recorded by then counts (see `RollupStore.rebuilt`).
    public func financing(asOf: LocalDate, currency: Currency?, recordedBy: Date? = nil) throws -> (currency: Currency, rows: [Financing]) {
        try connection.transaction(isolation: .repeatableRead) { c in
            let quote = try currency ?? TargetStore(c).current().target.amount.currency
            let lines = try LedgerStore(c).financing(asOf: asOf, quote: quote, recordedBy: recordedBy, by: [.lender])
            return (quote, lines[.lender] ?? [])
        }
    }

    /// The financing lines of each breakdown in `breakdowns` on `asOf` in `quote`, read in the
    /// caller's transaction (one view when it is REPEATABLE READ).
    ///
    /// With `current`, the portfolio's current rollup (today's figures, read in the same
    /// view), only the pledged projects and those with transactions are read besides the
    /// ledger: the rest of the portfolio's parts come from the rollup's rows, so the cost
    /// follows the ledger and the pipeline, not the portfolio. Otherwise the portfolio is
    /// rebuilt as of `asOf` (and `recordedBy`) from the history of every field, unless `rebuilt`
    /// holds that portfolio already, read in the same view.
    ///
    /// - Throws: `StoreError.invalid` when a value or transaction has no rate into `quote`.
    public func financing(asOf: LocalDate, quote: Currency, recordedBy: Date?, current: Rollup? = nil,
                          rebuilt: [RollupInput]? = nil,
                          by breakdowns: Set<FinancingBreakdown>) throws -> [FinancingBreakdown: [Financing]] {
        let fx = try FXStore(connection).table()
        let inputs = current != nil
            ? try connection.run(LedgerTouchedInputs(asOf: asOf))
            : try rebuilt ?? connection.run(RebuiltRollupInputs(asOf: asOf, recordedBy: recordedBy))
        for input in inputs { try RollupStore.requireRate(for: input, fx: fx, currency: quote) }
        let sums = try connection.run(LedgerSums(asOf: asOf, quote: quote, recordedBy: recordedBy))
        let missing = sums.reduce(0) { $0 + $1.missing }
        if missing > 0 {
            throw StoreError.invalid("\(missing) transactions have no rate into \(quote) on or before their value date; "
                + "add rates with 'portfolio fx set' or report in another --currency")
        }
        let ledger = sums.map(\.sum)
        var lines: [FinancingBreakdown: [Financing]] = [:]
        for breakdown in breakdowns {
            lines[breakdown] = try Self.compute(inputs: inputs, ledger: ledger, fx: fx, currency: quote, current: current, by: breakdown)
        }
        return lines
    }

    private static func compute(inputs: [RollupInput], ledger: [LedgerSum], fx: FXTable, currency: Currency, current: Rollup?,
                                by breakdown: FinancingBreakdown) throws(StoreError) -> [Financing] {
        do {
            if let current, current.currency == currency {
                return try Financing.compute(rollup: current, inputs: inputs, ledger: ledger, fx: fx, by: breakdown)
            }
            return try Financing.compute(inputs: inputs, ledger: ledger, fx: fx, currency: currency, by: breakdown)
        } catch {
            throw StoreError.invalid("the financing figures cannot be built: \(error.message)")
        }
    }
}
