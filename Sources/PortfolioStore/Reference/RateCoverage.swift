import Postgres
import PortfolioCore

/// Keeps every stored value reportable: a value in a currency other than the reporting currency
/// (the target's) needs a rate into it dated on or before its value date.
///
/// Writes that add such a value (project add, update, import) check it, and a target in a new
/// currency checks every project and value-history entry. Rates are only ever added or replaced,
/// never removed, so a value that converts keeps converting. Writers of values hold a shared lock
/// on the reporting currency and `target set` an exclusive one, so a value and a change of
/// currency cannot pass each other's check.
public enum RateCoverage {
    static let lockKey: Int64 = 0x7265_706F_7274  // "report"

    /// Holds the reporting currency steady until the caller's transaction ends; returns it.
    static func lockReportingCurrency(_ c: Connection) throws -> Currency {
        try c.execute(TransactionLock(key: lockKey, shared: true))
        return try TargetStore(c).current().target.amount.currency
    }

    /// Holds off every writer of values until the caller's transaction ends.
    static func lockExclusively(_ c: Connection) throws {
        try c.execute(TransactionLock(key: lockKey, shared: false))
    }

    /// `no USD rate for KZT on or before 2024-01-01; add one with 'portfolio fx set KZT 2024-01-01 RATE --quote USD'`.
    public static func missingRateMessage(_ currency: Currency, into quote: Currency, on date: LocalDate) -> String {
        "no \(quote) rate for \(currency) on or before \(date); add one with 'portfolio fx set \(currency) \(date) RATE --quote \(quote)'"
    }

    /// Refuses a value in `currency` dated `date` when no rate into the reporting currency is dated on
    /// or before it; `what` names the value in the message (a project code).
    static func require(_ c: Connection, _ currency: Currency, on date: LocalDate, for what: String) throws {
        let quote = try lockReportingCurrency(c)
        guard currency != quote else { return }
        if try !c.one(RateExists(currency, into: quote, onOrBefore: date)) {
            throw StoreError.invalid("\(what): a value in \(currency) cannot be reported in \(quote): "
                + missingRateMessage(currency, into: quote, on: date) + " first")
        }
    }

    /// The values of projects and their history that have no rate into `quote` on or before their
    /// value date, by currency: how many, the first few codes, and the earliest value date, which is
    /// where one rate covers them all.
    struct Uncovered: Sendable {
        let currency: Currency
        let values: Int
        let codes: [String]
        let earliest: LocalDate

        /// `33 values in USD (ILL-AG-01, ILL-AG-02, …), the earliest dated 2009-06-18`.
        var text: String {
            let list = codes.joined(separator: ", ") + (values > codes.count ? ", …" : "")
            return "\(values) \(values == 1 ? "value" : "values") in \(currency) (\(list)), the earliest dated \(earliest)"
        }
    }

    static func uncovered(_ c: Connection, into quote: Currency) throws -> [Uncovered] {
        try c.run(UncoveredValues(quote: quote))
    }
}
