extension LenderShare {
    /// Parses `NAME=PERCENT` (percent with up to 2 decimals, an optional `%`) or a bare `NAME`,
    /// which means 100%. The last `=` separates name and percent.
    public static func parse(_ text: String) throws(DomainError) -> LenderShare {
        let (name, basisPoints) = try parseItem(text)
        return try LenderShare(lender: name, basisPoints: basisPoints ?? 10_000)
    }

    /// Parses a `;`-separated list such as `China Development Bank=60;Export-Import Bank of China=40`.
    ///
    /// Blank items are skipped. Only a list of exactly one lender may omit the percent
    /// (it is then 100%); with several lenders every item needs one, so no share is implied.
    /// The list is not checked for sums or duplicates here; see `validate(_:)`.
    public static func parseList(_ text: String) throws(DomainError) -> [LenderShare] {
        let items = text.split(separator: ";", omittingEmptySubsequences: false)
            .map { TextRules.trimmed(String($0)) }
            .filter { !$0.isEmpty }
        if items.isEmpty {
            throw DomainError("no lenders given; write NAME=PERCENT;NAME=PERCENT, such as A=60;B=40", field: "lenders")
        }
        var shares: [LenderShare] = []
        for item in items {
            let (name, basisPoints) = try parseItem(item)
            if basisPoints == nil && items.count > 1 {
                throw DomainError(
                    "\(TextRules.quoted(name)) has no share; with more than one lender every lender needs =PERCENT",
                    field: "lenders"
                )
            }
            shares.append(try LenderShare(lender: name, basisPoints: basisPoints ?? 10_000))
        }
        return shares
    }

    /// Parses a percentage with up to 2 decimals and an optional `%` into basis points.
    public static func parsePercent(_ text: String) throws(DomainError) -> Int {
        var body = TextRules.trimmed(text)
        let quoted = TextRules.quoted(body)
        if body.hasSuffix("%") {
            body = TextRules.trimmed(String(body.dropLast()))
        }
        if body.isEmpty {
            throw DomainError("share is empty; write a percentage such as 60 or 33.33", field: "lenders")
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in !part.isEmpty && part.utf8.allSatisfy(TextRules.isDigit) }
        guard parts.count <= 2, parts.allSatisfy(isDigits) else {
            throw DomainError("share \(quoted) is not a percentage; write one such as 60 or 33.33", field: "lenders")
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        if fraction.count > 2 {
            throw DomainError(
                "share \(quoted) has \(fraction.count) decimals; a share has at most 2 (1 basis point = 0.01%)",
                field: "lenders"
            )
        }
        let whole = parts[0].drop { $0 == "0" }
        if whole.count > 3 {
            throw DomainError("share \(quoted) is more than 100%", field: "lenders")
        }
        let wholeValue = whole.utf8.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let padded = Array(fraction.utf8) + Array(repeating: UInt8(ascii: "0"), count: 2 - fraction.count)
        let fractionValue = padded.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        return wholeValue * 100 + fractionValue
    }

    /// Splits `NAME=PERCENT` at the last `=`; the percent is `nil` for a bare name.
    private static func parseItem(_ text: String) throws(DomainError) -> (String, Int?) {
        do {
            guard let separator = text.lastIndex(of: "=") else {
                return (try Lender.validateName(text), nil)
            }
            let name = try Lender.validateName(String(text[..<separator]))
            let percent = try parsePercent(String(text[text.index(after: separator)...]))
            return (name, percent)
        } catch {
            throw error.inField("lenders")
        }
    }
}
