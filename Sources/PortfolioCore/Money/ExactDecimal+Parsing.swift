extension ExactDecimal {
    /// Parses a plain decimal such as `7.1234567890`, `0.14` or `-3`.
    ///
    /// Surrounding whitespace is ignored; a leading `-` is allowed. Refused: empty text,
    /// exponents, commas, a point without digits on both sides, more than 18 decimals
    /// (after dropping trailing zeros), values beyond `Int128` and any other character.
    public static func parse(_ text: String) throws(DomainError) -> ExactDecimal {
        let input = TextRules.trimmed(text)
        let quoted = TextRules.quoted(input)
        if input.isEmpty {
            throw DomainError("number is empty")
        }
        var body = Substring(input)
        let negative = body.first == "-"
        if negative { body.removeFirst() }
        if let first = body.utf8.first, TextRules.isDigit(first),
           body.contains(where: { $0 == "e" || $0 == "E" }) {
            throw DomainError("\(quoted) uses an exponent; write the number in full, such as 0.0001")
        }
        if let odd = body.first(where: { !($0.isASCII && ($0.isNumber || $0 == ".")) }) {
            throw DomainError("\(quoted) contains \(TextRules.quoted(String(odd))); write digits with an optional decimal point")
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 2 {
            throw DomainError("\(quoted) has more than one decimal point")
        }
        let integerPart = parts[0]
        var fraction = parts.count == 2 ? parts[1] : ""
        if integerPart.isEmpty && fraction.isEmpty {
            throw DomainError("\(quoted) is not a number")
        }
        if parts.count == 2 && (integerPart.isEmpty || fraction.isEmpty) {
            throw DomainError("\(quoted) needs digits on both sides of the decimal point")
        }
        while fraction.last == "0" { fraction.removeLast() }
        if fraction.count > maxScale {
            throw DomainError("\(quoted) has \(fraction.count) decimals; at most \(maxScale) are supported")
        }
        var magnitude: UInt128 = 0
        let limit = negative ? UInt128(Int128.max) + 1 : UInt128(Int128.max)
        for byte in Array(integerPart.utf8) + Array(fraction.utf8) {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt128(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 || sum > limit {
                throw DomainError("\(quoted) is too large")
            }
            magnitude = sum
        }
        let mantissa = negative ? Int128(truncatingIfNeeded: 0 &- magnitude) : Int128(magnitude)
        return try ExactDecimal(mantissa: mantissa, scale: fraction.count)
    }
}
