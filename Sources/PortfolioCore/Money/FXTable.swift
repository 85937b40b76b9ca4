/// A set of FX rates by currency pair and date, for converting values at their value date.
///
/// Rates are used only in the direction they are stored; no inverse or cross rate is derived.
public struct FXTable: Hashable, Sendable {
    private struct Pair: Hashable, Sendable {
        let currency: Currency
        let quote: Currency
    }

    /// Rates per pair, sorted by date, one per date.
    private var rates: [Pair: [FXRate]] = [:]

    /// Creates a table; for two rates of the same pair and date the later one in `rates` wins.
    public init(_ rates: some Sequence<FXRate> = [FXRate]()) {
        for rate in rates {
            insert(rate)
        }
    }

    /// Adds a rate, replacing any rate of the same pair and date.
    public mutating func insert(_ rate: FXRate) {
        let pair = Pair(currency: rate.currency, quote: rate.quote)
        var list = rates[pair, default: []]
        let index = Self.firstIndex(in: list) { $0.date >= rate.date }
        if index < list.count && list[index].date == rate.date {
            list[index] = rate
        } else {
            list.insert(rate, at: index)
        }
        rates[pair] = list
    }

    /// Every rate, grouped by pair and sorted by date within a pair.
    public var allRates: [FXRate] {
        rates.keys
            .sorted { ($0.currency.code, $0.quote.code) < ($1.currency.code, $1.quote.code) }
            .flatMap { rates[$0] ?? [] }
    }

    /// The latest rate for `currency` in `quote` dated on or before `date`, if any.
    public func rate(for currency: Currency, in quote: Currency, on date: LocalDate) -> FXRate? {
        guard let list = rates[Pair(currency: currency, quote: quote)] else { return nil }
        let index = Self.firstIndex(in: list) { $0.date > date }
        return index > 0 ? list[index - 1] : nil
    }

    /// Converts `money` into `quote` at the latest rate on or before `date`; the same currency converts to itself.
    ///
    /// Throws `no USD rate for CNY on or before 2020-01-01` when no rate applies, and on overflow.
    public func convert(_ money: Money, to quote: Currency, on date: LocalDate) throws(DomainError) -> Money {
        if money.currency == quote { return money }
        guard let rate = rate(for: money.currency, in: quote, on: date) else {
            throw DomainError("no \(quote) rate for \(money.currency) on or before \(date)")
        }
        return try rate.convert(money)
    }

    /// The first index whose element satisfies `predicate`, which must be false then true along `list`.
    private static func firstIndex(in list: [FXRate], where predicate: (FXRate) -> Bool) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(list[middle]) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }
}
