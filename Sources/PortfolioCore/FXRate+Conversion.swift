extension FXRate {
    /// Converts `money` (in `currency`) into `quote`, exactly, rounding half to even to the quote's minor unit.
    ///
    /// Throws when `money` is in another currency or the result does not fit `Int64` minor units.
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
        let product = UInt128(money.minorUnits.magnitude).multipliedFullWidth(by: multiplier)
        guard product.high < divisor else { throw tooLargeError() }
        let (quotient, remainder) = divisor.dividingFullWidth(product)
        var magnitude = quotient
        let twice = remainder * 2
        if twice > divisor || (twice == divisor && quotient % 2 == 1) {
            magnitude += 1
        }
        let negative = money.minorUnits < 0
        let limit = negative ? UInt128(Int64.max) + 1 : UInt128(Int64.max)
        guard magnitude <= limit else { throw tooLargeError() }
        let units = UInt64(magnitude)
        let minorUnits = negative ? Int64(truncatingIfNeeded: 0 &- units) : Int64(units)
        return Money(minorUnits: minorUnits, currency: quote)
    }
}
