extension ExactDecimal {
    /// Parses a plain decimal such as `7.1234567890`, `0.14` or `-3`.
    ///
    /// Surrounding whitespace is ignored; a leading `-` is allowed. Refused: empty text,
    /// exponents, commas, a point without digits on both sides, more than 18 decimals
    /// (after dropping trailing zeros), values beyond `Int128` and any other character.
    public static func parse(_ text: String) throws(DomainError) -> ExactDecimal {
        let number = try DecimalText.split(text, noun: "number", example: "0.0001")
        var fraction = number.fraction
        while fraction.last == "0" { fraction.removeLast() }
        if fraction.count > maxScale {
            throw DomainError("\(number.quoted) has \(fraction.count) decimals; at most \(maxScale) are supported")
        }
        let limit = number.negative ? UInt128(Int128.max) + 1 : UInt128(Int128.max)
        guard let magnitude = DecimalText.magnitude(of: Array(number.integerPart.utf8) + Array(fraction.utf8), limit: limit) else {
            throw DomainError("\(number.quoted) is too large")
        }
        return try ExactDecimal(mantissa: number.signed(magnitude), scale: fraction.count)
    }
}
