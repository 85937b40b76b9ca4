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
        let input = TextRules.trimmed(text)
        let quoted = TextRules.quoted(input)
        if input.isEmpty {
            throw DomainError("amount is empty")
        }
        var body = Substring(input)
        let negative = body.first == "-"
        if negative { body.removeFirst() }

        let lowered = body.lowercased()
        if ["nan", "snan", "inf", "infinity"].contains(lowered) {
            throw DomainError("\(quoted) is not a finite number")
        }
        if let first = body.utf8.first, TextRules.isDigit(first) || first == UInt8(ascii: "."),
           body.contains(where: { $0 == "e" || $0 == "E" }) {
            throw DomainError("\(quoted) uses an exponent; write the amount in full, such as 1200000000")
        }
        if let odd = body.first(where: { !($0.isASCII && ($0.isNumber || $0 == "." || $0 == ",")) }) {
            throw DomainError("\(quoted) contains \(TextRules.quoted(String(odd))); write digits with an optional decimal point")
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 2 {
            throw DomainError("\(quoted) has more than one decimal point")
        }
        let integerPart = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        if integerPart.isEmpty && fraction.isEmpty {
            throw DomainError("\(quoted) is not a number")
        }
        if parts.count == 2 && (integerPart.isEmpty || fraction.isEmpty) {
            throw DomainError("\(quoted) needs digits on both sides of the decimal point")
        }
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
        if negative && !allowingNegative {
            throw DomainError("\(quoted) must not be negative")
        }

        let largest = UInt128(max(0, largest))
        let limit = negative && largest == UInt128(Int128.max) ? largest + 1 : largest
        var magnitude: UInt128 = 0
        let allDigits = integerPart.utf8.filter { $0 != UInt8(ascii: ",") }
            + Array(fraction.utf8)
            + Array(repeating: UInt8(ascii: "0"), count: digits - fraction.count)
        for byte in allDigits {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt128(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 || sum > limit {
                if largest == UInt128(Money.maxValueMinorUnits) { throw Money.tooLarge(quoted, currency: currency) }
                let text = Money(minorUnits: Int128(largest), currency: currency).formatted(grouping: true)
                throw DomainError("\(quoted) is too large; the largest \(currency.code) amount is \(text)")
            }
            magnitude = sum
        }
        let units = negative ? Int128(truncatingIfNeeded: 0 &- magnitude) : Int128(magnitude)
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
