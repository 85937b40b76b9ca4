extension Money {
    /// The exact amount with exactly the currency's decimals: `1200000000.50`, or `1,200,000,000.50`
    /// when `grouping`; JPY has no decimal point. The ungrouped form is the JSON and CSV form.
    public func formatted(grouping: Bool = false) -> String {
        let digits = currency.minorDigits
        var text = String(minorUnits.magnitude)
        if text.count <= digits {
            text = String(repeating: "0", count: digits - text.count + 1) + text
        }
        var integerPart = String(text.dropLast(digits))
        if grouping {
            integerPart = Self.grouped(integerPart)
        }
        let sign = minorUnits < 0 ? "-" : ""
        guard digits > 0 else { return sign + integerPart }
        return sign + integerPart + "." + text.suffix(digits)
    }

    private static func grouped(_ digits: String) -> String {
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 {
                out.append(",")
            }
            out.append(character)
        }
        return out
    }
}
