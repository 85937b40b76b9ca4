extension FXRate {
    /// The largest rate, as text: `maxRate` (the column could hold 18 integer digits; the bound
    /// on sums allows 1,000,000).
    public static let largestRate = maxRate.description

    /// Parses a rate as `ExactDecimal.parse` does (plain digits, an optional point, surrounding
    /// whitespace ignored), then refuses what an FX rate cannot be: zero or less, more than
    /// `maxScale` decimals (after dropping trailing zeros) or more than `maxRate`. Errors name
    /// the field `rate`.
    public static func parseRate(_ text: String) throws(DomainError) -> ExactDecimal {
        let input = TextRules.trimmed(text)
        let quoted = TextRules.quoted(input)
        // A plain decimal is measured before it is parsed, so a long fraction or a long
        // integer part is refused with the rate's own limit rather than the decimal type's.
        if let shape = PlainDecimalShape(input) {
            if shape.isNegative || shape.isZero {
                throw DomainError("rate \(quoted) must be greater than 0", field: "rate")
            }
            try checkDigits(decimals: shape.decimals, integerDigits: shape.integerDigits, shown: quoted)
        }
        let rate: ExactDecimal
        do {
            rate = try ExactDecimal.parse(input)
        } catch {
            throw error.inField("rate")
        }
        try checkRate(rate, shown: quoted)
        return rate
    }

    /// Refuses a rate that is not positive or that the store could not hold exactly.
    static func checkRate(_ rate: ExactDecimal, shown: String) throws(DomainError) {
        if rate.signum <= 0 {
            throw DomainError("rate \(shown) must be greater than 0", field: "rate")
        }
        let digits = String(rate.mantissa.magnitude).count
        try checkDigits(decimals: rate.scale, integerDigits: max(0, digits - rate.scale), shown: shown)
        if rate > maxRate {
            throw DomainError("rate \(shown) is more than \(maxRate), the largest rate", field: "rate")
        }
    }

    private static func checkDigits(decimals: Int, integerDigits: Int, shown: String) throws(DomainError) {
        if decimals > maxScale {
            throw DomainError("rate \(shown) has \(decimals) decimals; an FX rate may have at most \(maxScale)", field: "rate")
        }
        // More integer digits than the largest rate has is more than the largest rate, however
        // long: said before the text is parsed, so a 45-digit rate gets this message too.
        if integerDigits > largestRate.count {
            throw DomainError("rate \(shown) is more than \(maxRate), the largest rate", field: "rate")
        }
    }
}

/// The digit counts of text of the form `-?[0-9]+(\.[0-9]+)?`; nil for any other text.
private struct PlainDecimalShape {
    let isNegative: Bool
    let isZero: Bool
    /// Digits before the point, leading zeros dropped.
    let integerDigits: Int
    /// Digits after the point, trailing zeros dropped.
    let decimals: Int

    init?(_ text: String) {
        var bytes = Substring(text).utf8[...]
        isNegative = bytes.first == UInt8(ascii: "-")
        if isNegative { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 2, omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(TextRules.isDigit) }) else {
            return nil
        }
        let integer = parts[0].drop { $0 == UInt8(ascii: "0") }
        var fraction = parts.count == 2 ? parts[1] : bytes[bytes.endIndex...]
        while fraction.last == UInt8(ascii: "0") { fraction = fraction.dropLast() }
        integerDigits = integer.count
        decimals = fraction.count
        isZero = integer.isEmpty && fraction.isEmpty
    }
}
