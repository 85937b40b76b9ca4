extension Money {
    /// Parses a plain decimal amount such as `1200000000`, `1200000000.5` or `1,200,000,000.50`.
    ///
    /// Surrounding whitespace is ignored. Commas are accepted only as thousands separators
    /// before the decimal point; a decimal point needs digits on both sides. Refused: an empty
    /// text, a sign (unless `allowingNegative`, and a leading `+` always), exponents, NaN and
    /// infinity, more decimals than the currency has (even trailing zeros), amounts whose
    /// magnitude is beyond `largest` minor units (by default the largest value a project may have,
    /// `Money.maxValueMinorUnits`; `Int128.max` for sums), and any other character.
    public static func parse(
        _ text: String, currency: Currency, allowingNegative: Bool = false, largest: Int128 = Money.maxValueMinorUnits
    ) throws(DomainError) -> Money {
        let number = try DecimalText.split(text, noun: "amount", example: "1200000000", separators: true, nonFinite: true)
        let (quoted, integerPart, fraction) = (number.quoted, number.integerPart, number.fraction)
        if fraction.contains(",") || !isProperlyGrouped(integerPart) {
            throw DomainError("\(quoted) has misplaced thousands separators; group digits in threes, such as 1,200,000")
        }
        let digits = currency.minorDigits
        if fraction.count > digits {
            let allowed = digits == 0 ? "none" : "\(digits)"
            throw DomainError(
                "\(quoted) has \(TextRules.counted(fraction.count, "decimal")); \(currency.code) allows \(allowed)"
            )
        }
        if number.negative && !allowingNegative {
            throw DomainError("\(quoted) must not be negative")
        }

        let largest = UInt128(max(0, largest))
        let limit = number.negative && largest == UInt128(Int128.max) ? largest + 1 : largest
        let allDigits = integerPart.utf8.filter { $0 != UInt8(ascii: ",") }
            + Array(fraction.utf8)
            + Array(repeating: UInt8(ascii: "0"), count: digits - fraction.count)
        guard let magnitude = DecimalText.magnitude(of: allDigits, limit: limit) else {
            if largest == UInt128(Money.maxValueMinorUnits) { throw Money.tooLarge(quoted, currency: currency) }
            let text = Money(minorUnits: Int128(largest), currency: currency).formatted(grouping: true)
            throw DomainError("\(quoted) is too large; the largest \(currency.code) amount is \(text)")
        }
        let units = number.signed(magnitude)
        return Money(minorUnits: units, currency: currency)
    }

    /// Whether commas, if any, separate groups of exactly three digits after a first group of one to three.
    private static func isProperlyGrouped(_ integerPart: Substring) -> Bool {
        guard integerPart.contains(",") else { return true }
        let groups = integerPart.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}
