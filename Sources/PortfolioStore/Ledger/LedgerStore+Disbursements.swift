import Foundation
import Postgres
import PortfolioCore

extension LedgerStore {
    /// Disbursements and repayments per `period` and per sector or lender up to `asOf` in
    /// `currency` (the target's when nil), from one view: sectors are the projects' on `asOf`.
    ///
    /// - Throws: `StoreError.invalid` when a transaction has no rate into the currency.
    public func disbursements(asOf: LocalDate, currency: Currency?, recordedBy: Date? = nil, period: LedgerPeriod,
                              by breakdown: FinancingBreakdown, from: LocalDate? = nil) throws -> (currency: Currency, series: DisbursementSeries) {
        try connection.transaction(isolation: .repeatableRead) { c in
            let quote = try currency ?? TargetStore(c).current().target.amount.currency
            let inputs = breakdown == .lender ? [] : try c.run(RebuiltRollupInputs(asOf: asOf, recordedBy: recordedBy))
            let sums = try c.run(LedgerPeriodSums(asOf: asOf, quote: quote, recordedBy: recordedBy, period: period))
            let missing = sums.reduce(0) { $0 + $1.missing }
            if missing > 0 {
                throw StoreError.invalid("\(missing) transactions have no rate into \(quote) on or before their value date; "
                    + "add rates with 'portfolio fx set' or report in another --currency")
            }
            return (quote, DisbursementSeries.compute(sums.map(\.sum), inputs: inputs, period: period, by: breakdown, from: from))
        }
    }
}
