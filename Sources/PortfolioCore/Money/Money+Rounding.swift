extension Money {
    /// Parses a decimal as datasets publish it — any number of decimals, an optional exponent
    /// (`1.5e+07`), an optional sign — and rounds it to the currency's minor units, half away
    /// from zero: `1685346.9183932` USD is 1,685,346.92.
    ///
    /// Refused: an empty text, NaN and infinity, thousands separators, any other character, and
    /// an amount beyond `largest` minor units.
    public static func rounding(_ text: String, currency: Currency, largest: Int128 = Money.maxValueMinorUnits) throws(DomainError) -> Money {
        let body = TextRules.trimmed(text)
        let quoted = TextRules.quoted(body)
        var bytes = Array(body.utf8)[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        var exponent = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if TextRules.isDigit(byte) {
                digits.append(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                let rest = String(decoding: bytes[(index + 1)...], as: UTF8.self)
                guard let value = Int(rest), (-40...40).contains(value) else {
                    throw DomainError("\(quoted) is not an amount: its exponent is not a small whole number")
                }
                exponent = value
                index = bytes.endIndex
                break
            } else {
                throw DomainError("\(quoted) is not an amount; write digits with an optional decimal point, such as 1500000.25")
            }
            index += 1
        }
        guard !digits.isEmpty else { throw DomainError("\(quoted) is not an amount; write digits, such as 1500000.25") }
        // value = digits × 10^(exponent − fractionDigits); minor units = value × 10^minorDigits.
        let shift = exponent - fractionDigits + currency.minorDigits
        var kept = digits
        var roundUp = false
        if shift < 0 {
            let drop = -shift
            if drop > kept.count {
                kept = []
            } else {
                roundUp = kept[kept.count - drop] >= 5
                kept.removeLast(drop)
            }
        } else {
            kept += Array(repeating: 0, count: shift)
        }
        let limit = UInt128(max(0, largest))
        var magnitude: UInt128 = 0
        for digit in kept {
            let (times, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            guard !overflow, times + UInt128(digit) <= limit else {
                throw DomainError("\(quoted) is too large for a \(currency.code) amount")
            }
            magnitude = times + UInt128(digit)
        }
        if roundUp {
            guard magnitude + 1 <= limit else { throw DomainError("\(quoted) is too large for a \(currency.code) amount") }
            magnitude += 1
        }
        let units = Int128(magnitude)
        return Money(minorUnits: negative ? -units : units, currency: currency)
    }
}
