/// One lender's part of a project's financing, in basis points (10000 = 100%).
public struct LenderShare: Hashable, Sendable, CustomStringConvertible {
    /// The lender's name, as checked by `Lender.validateName`.
    public let lender: String
    /// The share in basis points, 1...10000.
    public let basisPoints: Int

    /// Validates and creates a share.
    public init(lender: String, basisPoints: Int) throws(DomainError) {
        let name: String
        do {
            name = try Lender.validateName(lender)
        } catch {
            throw error.inField("lenders")
        }
        guard (1...10_000).contains(basisPoints) else {
            throw DomainError(
                "the share of \(TextRules.quoted(name)) is \(Self.percentText(basisPoints))%; "
                    + "it must be more than 0% and at most 100%",
                field: "lenders"
            )
        }
        self.lender = name
        self.basisPoints = basisPoints
    }

    /// The share as a trimmed percentage: `60`, `33.33`, `12.5`, `0.05`.
    public var percentText: String {
        Self.percentText(basisPoints)
    }

    /// `NAME=PERCENT`, such as `China Development Bank=60`.
    public var description: String {
        "\(lender)=\(percentText)"
    }

    /// A basis-point amount as a trimmed percentage.
    public static func percentText(_ basisPoints: Int) -> String {
        let sign = basisPoints < 0 ? "-" : ""
        let magnitude = basisPoints.magnitude
        let whole = magnitude / 100
        let cents = magnitude % 100
        if cents == 0 { return "\(sign)\(whole)" }
        if cents % 10 == 0 { return "\(sign)\(whole).\(cents / 10)" }
        return cents < 10 ? "\(sign)\(whole).0\(cents)" : "\(sign)\(whole).\(cents)"
    }
}
