extension LocalDate {
    /// Parses exactly `YYYY-MM-DD` (surrounding whitespace ignored), refusing impossible dates
    /// such as `2026-02-30` and years outside 1900...2200.
    public static func parse(_ text: String) throws(DomainError) -> LocalDate {
        let input = TextRules.trimmed(text)
        if input.isEmpty {
            throw DomainError("date is empty")
        }
        let bytes = Array(input.utf8)
        let dash = UInt8(ascii: "-")
        let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9]
        guard bytes.count == 10, bytes[4] == dash, bytes[7] == dash,
              digitPositions.allSatisfy({ TextRules.isDigit(bytes[$0]) })
        else {
            throw DomainError("\(TextRules.quoted(input)) is not a date; write YYYY-MM-DD, such as 2026-03-31")
        }
        func number(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        return try LocalDate(year: number(0..<4), month: number(5..<7), day: number(8..<10))
    }
}
