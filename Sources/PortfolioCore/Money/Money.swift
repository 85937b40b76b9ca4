/// An exact amount of money: a whole number of the currency's minor units (cents, fils, yen).
///
/// Amounts are 128-bit, so that a portfolio's sums always fit: one project's value is at most
/// `Money.maxValueMinorUnits` (stored as `bigint`), and sums of such values converted at any rate
/// the store accepts stay far below `Int128.max` (see `Money.maxValueMinorUnits`).
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// The amount in minor units; 1,200.50 USD is `120050`.
    public let minorUnits: Int128
    /// The currency the amount is in.
    public let currency: Currency

    /// Creates an amount from minor units.
    public init(minorUnits: Int128, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    /// Whether the amount is below zero.
    public var isNegative: Bool { minorUnits < 0 }

    /// The grouped amount and the code, such as `1,200,000,000.50 USD`.
    public var description: String {
        "\(formatted(grouping: true)) \(currency.code)"
    }
}
