/// A financing institution: its name, home country and kind.
public struct Lender: Hashable, Sendable, CustomStringConvertible {
    /// The name, 1...200 characters, trimmed, without control characters, `;` or `=`.
    public let name: String
    /// The ISO 3166-1 alpha-2 country code in upper case, such as `CN`.
    public let country: String
    /// The kind of institution.
    public let kind: LenderKind

    /// Validates and creates a lender; the country may be given in lower case.
    ///
    /// The country is checked for form (two letters), not against the ISO 3166 list.
    public init(name: String, country: String, kind: LenderKind) throws(DomainError) {
        do {
            self.name = try Self.validateName(name)
        } catch {
            throw error.inField("name")
        }
        self.country = try Self.validateCountry(country)
        self.kind = kind
    }

    /// The name.
    public var description: String { name }

    /// Trims `text` and checks it as a lender name; `;` and `=` are refused because they
    /// delimit lender share lists such as `A=60;B=40`.
    public static func validateName(_ text: String) throws(DomainError) -> String {
        let name = try TextRules.requiredText(text, what: "lender name", maxLength: 200)
        if name.contains(";") || name.contains("=") {
            throw DomainError("lender name \(TextRules.quoted(name)) must not contain \";\" or \"=\"")
        }
        return name
    }

    /// Trims and upper-cases `text`, then checks it is two letters A-Z.
    public static func validateCountry(_ text: String) throws(DomainError) -> String {
        let code = TextRules.trimmed(text).uppercased()
        guard code.utf8.count == 2, code.utf8.allSatisfy(TextRules.isLetter) else {
            throw DomainError(
                "\(TextRules.quoted(text)) is not a country code; use two letters (ISO 3166-1 alpha-2), such as CN",
                field: "country"
            )
        }
        return code
    }
}
