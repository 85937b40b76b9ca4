extension LenderShare {
    /// Checks a project's shares: at least one, no lender twice (ignoring case), and a sum of exactly 100%.
    public static func validate(_ shares: [LenderShare]) throws(DomainError) {
        if shares.isEmpty {
            throw DomainError("a project needs at least one lender", field: "lenders")
        }
        var seen: Set<String> = []
        for share in shares where !seen.insert(share.lender.lowercased()).inserted {
            throw DomainError("lender \(TextRules.quoted(share.lender)) appears more than once", field: "lenders")
        }
        let total = shares.reduce(0) { $0 + $1.basisPoints }
        if total != 10_000 {
            throw DomainError(
                "lender shares add up to \(percentText(total))%; they must add up to 100%", field: "lenders"
            )
        }
    }

    /// The list as `A=60;B=40`, the form `parseList(_:)` reads.
    public static func format(_ shares: [LenderShare]) -> String {
        shares.map(\.description).joined(separator: ";")
    }
}
