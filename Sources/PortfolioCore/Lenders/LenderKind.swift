/// What sort of institution a lender is.
public enum LenderKind: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// A state policy bank, such as China Development Bank.
    case policyBank = "policy_bank"
    /// A commercial bank.
    case commercialBank = "commercial_bank"
    /// An investment fund, such as the Silk Road Fund.
    case fund
    /// Anything else.
    case other

    /// The raw name, such as `policy_bank`.
    public var description: String { rawValue }

    /// Parses a kind ignoring case; `policy-bank` and `policy bank` mean `policy_bank`.
    public static func parse(_ text: String) throws(DomainError) -> LenderKind {
        let name = TextRules.trimmed(text).lowercased()
            .replacing("-", with: "_").replacing(" ", with: "_")
        guard let kind = LenderKind(rawValue: name) else {
            let valid = allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError("\(TextRules.quoted(text)) is not a lender kind; use one of: \(valid)", field: "kind")
        }
        return kind
    }
}
