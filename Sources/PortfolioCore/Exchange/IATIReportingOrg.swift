/// The organisation an IATI file is published by: its identifier (`XM-DAC-…`, `BY-…`), name
/// and IATI organisation type code. Activity identifiers start with its identifier.
public struct IATIReportingOrg: Hashable, Sendable {
    public let ref: String
    public let name: String
    /// An IATI OrganisationType code, such as `10` (government) or `80` (academic, research).
    public let type: String

    /// The tracker's own identity, until one is configured.
    public static let `default` = IATIReportingOrg(unchecked: "XX-PORTFOLIO", name: "Portfolio tracker", type: "90")

    /// Checks each part: a reference of letters, digits and `-._` (at most 100, no spaces, as
    /// IATI identifiers are), a name of sensible length without control characters, a type of
    /// two digits.
    public init(ref: String, name: String, type: String) throws(DomainError) {
        guard !ref.isEmpty, ref.count <= 100,
              ref.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "-._".unicodeScalars.contains($0)) })
        else {
            throw DomainError("reporting organisation ref: letters, digits and -._ only, 1 to 100 of them", field: "org-ref")
        }
        let checkedName = try TextRules.requiredText(name, what: "reporting organisation name", maxLength: 200)
        guard type.count == 2, type.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw DomainError("reporting organisation type: an IATI OrganisationType code of two digits, such as 10", field: "org-type")
        }
        self.init(unchecked: ref, name: checkedName, type: type)
    }

    private init(unchecked ref: String, name: String, type: String) {
        self.ref = ref
        self.name = name
        self.type = type
    }
}
