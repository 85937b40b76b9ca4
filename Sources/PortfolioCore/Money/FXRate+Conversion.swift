extension FXRate {
    /// Converts `money` (in `currency`) into `quote`, exactly, rounding half to even to the quote's minor unit.
    ///
    /// Throws when `money` is in another currency or the result does not fit `Int128` minor units
    /// (which no storable value reaches at a rate of at most `maxRate`).
    public func convert(_ money: Money) throws(DomainError) -> Money {
        guard money.currency == currency else {
            throw DomainError("a \(currency)/\(quote) rate cannot convert \(money.currency.code)")
        }
        // The message is built only when it is thrown.
        func tooLargeError() -> DomainError {
            DomainError("\(money) at \(rate) \(quote) per \(currency) is too large in \(quote)")
        }
        // result = minorUnits × mantissa × 10^(quoteDigits − scale − currencyDigits)
        var exponent = rate.scale + currency.minorDigits - quote.minorDigits
        var multiplier = rate.mantissa.magnitude
        if exponent < 0 {
            let (scaled, overflow) = multiplier.multipliedReportingOverflow(by: ExactDecimal.powerOfTen(-exponent))
            if overflow { throw tooLargeError() }
            multiplier = scaled
            exponent = 0
        }
        let divisor = ExactDecimal.powerOfTen(exponent)
        let product = money.minorUnits.magnitude.multipliedFullWidth(by: multiplier)
        guard product.high < divisor else { throw tooLargeError() }
        let (quotient, remainder) = divisor.dividingFullWidth(product)
        var magnitude = quotient
        // Half to even: round up past the half, and at exactly half only to reach an even result.
        let half = divisor / 2
        if remainder > half || (divisor % 2 == 0 && remainder == half && quotient % 2 == 1) {
            let (rounded, overflow) = magnitude.addingReportingOverflow(1)
            if overflow { throw tooLargeError() }
            magnitude = rounded
        }
        let negative = money.minorUnits < 0
        let limit = negative ? UInt128(Int128.max) + 1 : UInt128(Int128.max)
        guard magnitude <= limit else { throw tooLargeError() }
        let minorUnits = negative ? Int128(truncatingIfNeeded: 0 &- magnitude) : Int128(magnitude)
        return Money(minorUnits: minorUnits, currency: quote)
    }
}
