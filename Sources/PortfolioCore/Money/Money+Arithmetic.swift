extension Money {
    /// The sum; throws when the currencies differ or the result overflows.
    public func adding(_ other: Money) throws(DomainError) -> Money {
        try checkSameCurrency(other, verb: "add")
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        if overflow {
            throw DomainError("\(self) + \(other) is too large")
        }
        return Money(minorUnits: sum, currency: currency)
    }

    /// The difference; throws when the currencies differ or the result overflows.
    public func subtracting(_ other: Money) throws(DomainError) -> Money {
        try checkSameCurrency(other, verb: "subtract")
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        if overflow {
            throw DomainError("\(self) - \(other) is too large")
        }
        return Money(minorUnits: difference, currency: currency)
    }

    /// The sum of `amounts` in `currency`; throws on a currency mismatch or overflow.
    public static func sum(_ amounts: some Sequence<Money>, in currency: Currency) throws(DomainError) -> Money {
        var total = Money.zero(currency)
        for amount in amounts {
            total = try total.adding(amount)
        }
        return total
    }

    private func checkSameCurrency(_ other: Money, verb: String) throws(DomainError) {
        if other.currency != currency {
            throw DomainError("cannot \(verb) \(other.currency.code) and \(currency.code) amounts; convert first")
        }
    }
}
