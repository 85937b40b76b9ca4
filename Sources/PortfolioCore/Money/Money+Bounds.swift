extension Money {
    /// The largest value one project, one value-history entry or the target may have, in minor
    /// units: 10^18 − 1, eighteen digits (9,999,999,999,999,999.99 USD).
    ///
    /// Why every sum fits: a stored value is at most 2^63 − 1 (`bigint`; new ones at most this
    /// bound); a rate is at most `FXRate.maxRate` (10^6) and currencies have 0 to 3 minor digits,
    /// so one converted value is at most (2^63 − 1) × 10^6 × 10^3 + 1 < 9.3 × 10^27 minor units
    /// (half-even rounding adds at most one). There are at most 2^31 − 1 projects (their ids are
    /// 32-bit), so any sum is below 2^31 × 9.3 × 10^27 < 2 × 10^37, under both `Int128.max`
    /// (1.7 × 10^38) and the 10^38 of a `numeric(38,0)` column. A lender's parts of a project add
    /// up to the project's value, so lender sums are bounded the same way.
    public static let maxValueMinorUnits: Int128 = 999_999_999_999_999_999

    /// Whether the amount is within 0...`maxValueMinorUnits`, as a stored value must be.
    public var isStorableValue: Bool { (0...Money.maxValueMinorUnits).contains(minorUnits) }

    /// The largest storable value in `currency`, such as `9,999,999,999,999,999.99 USD`.
    public static func largestValue(_ currency: Currency) -> Money {
        Money(minorUnits: maxValueMinorUnits, currency: currency)
    }

    /// The refusal of an amount above `maxValueMinorUnits`, naming the limit: `"1e30" is too large;
    /// the largest USD value is 9,999,999,999,999,999.99 (10^18 - 1 minor units)`.
    static func tooLarge(_ quotedAmount: String, currency: Currency) -> DomainError {
        DomainError("\(quotedAmount) is too large; the largest \(currency.code) value is "
            + "\(largestValue(currency).formatted(grouping: true)) (10^18 - 1 minor units)")
    }

    /// Refuses an amount outside 0...`maxValueMinorUnits`, as a stored value or target must be.
    public func checkStorable() throws(DomainError) {
        if isNegative { throw DomainError("\(self) must not be negative") }
        if minorUnits > Money.maxValueMinorUnits { throw Money.tooLarge(description, currency: currency) }
    }
}
