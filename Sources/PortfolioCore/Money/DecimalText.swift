/// A plain decimal in text taken apart: sign, integer digits and fraction digits, checked for
/// the rules amounts and exact decimals share. Each parser then applies its own scale and bound.
struct DecimalText {
    /// The trimmed input, quoted for messages.
    let quoted: String
    let negative: Bool
    /// The digits before the point (with thousands separators when `separators` allowed them).
    let integerPart: Substring
    /// The digits after the point; empty without one.
    let fraction: Substring

    /// Splits `text`. Refused: empty text (`"<noun> is empty"`), NaN and infinity when
    /// `nonFinite` is checked, exponents (the message shows `example`), any character but digits,
    /// one point and (with `separators`) commas, more than one point, and a point without digits
    /// on both sides.
    static func split(
        _ text: String, noun: String, example: String, separators: Bool = false, nonFinite: Bool = false
    ) throws(DomainError) -> DecimalText {
        let input = TextRules.trimmed(text)
        let quoted = TextRules.quoted(input)
        if input.isEmpty {
            throw DomainError("\(noun) is empty")
        }
        var body = Substring(input)
        let negative = body.first == "-"
        if negative { body.removeFirst() }
        if nonFinite, ["nan", "snan", "inf", "infinity"].contains(body.lowercased()) {
            throw DomainError("\(quoted) is not a finite number")
        }
        if let first = body.utf8.first, TextRules.isDigit(first) || (separators && first == UInt8(ascii: ".")),
           body.contains(where: { $0 == "e" || $0 == "E" }) {
            throw DomainError("\(quoted) uses an exponent; write the \(noun) in full, such as \(example)")
        }
        if let odd = body.first(where: { !($0.isASCII && ($0.isNumber || $0 == "." || (separators && $0 == ","))) }) {
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
        return DecimalText(quoted: quoted, negative: negative, integerPart: integerPart, fraction: fraction)
    }

    /// The number the ASCII `digits` spell, or nil when it is beyond `limit`.
    static func magnitude(of digits: some Sequence<UInt8>, limit: UInt128) -> UInt128? {
        var magnitude: UInt128 = 0
        for byte in digits {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt128(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 || sum > limit { return nil }
            magnitude = sum
        }
        return magnitude
    }

    /// `magnitude` with the sign: `limit` must allow it (`Int128.max`, or one more when negative).
    func signed(_ magnitude: UInt128) -> Int128 {
        negative ? Int128(truncatingIfNeeded: 0 &- magnitude) : Int128(magnitude)
    }
}
