/// An OECD DAC 3-digit sector (the IATI `SectorCategory` codelist), with the tracker sector it
/// groups into.
public struct DACSector: Hashable, Sendable, Codable {
    /// Three digits, such as `210`.
    public let code: String
    /// The codelist's English name, such as `Transport & Storage`.
    public let name: String
    /// Whether the codelist marks the code withdrawn (older records still use it).
    public let withdrawn: Bool

    init(unchecked code: String, name: String, withdrawn: Bool = false) {
        self.code = code
        self.name = name
        self.withdrawn = withdrawn
    }

    /// Validates a codelist entry: three digits and a name of 1...200 characters.
    public init(code: String, name: String, withdrawn: Bool = false) throws(DomainError) {
        let code = TextRules.trimmed(code)
        guard code.utf8.count == 3, code.utf8.allSatisfy(TextRules.isDigit) else {
            throw DomainError("\(TextRules.quoted(code)) is not an OECD DAC 3-digit sector code", field: "code")
        }
        let name = try TextRules.requiredText(name, what: "DAC sector name", maxLength: 200)
        self.init(unchecked: code, name: name, withdrawn: withdrawn)
    }

    /// The seed sector this code groups into by default: 231–236 (and the withdrawn 230) energy,
    /// 310–313 agriculture (with forestry and fishing), 320 and 321 manufacturing (industry; the
    /// group 320 with mining and construction), 210 logistics (transport and storage), every
    /// other code other.
    public static func grouping(_ code: String) -> String {
        switch code {
        case "230", "231", "232", "233", "234", "235", "236": "energy"
        case "310", "311", "312", "313": "agriculture"
        case "320", "321": "manufacturing"
        case "210": "logistics"
        default: "other"
        }
    }

    /// The tracker sector that stands for this code alone, when sectors are taken one per DAC
    /// code: `dac-210`, named as the codelist names it.
    public var ownSector: Sector {
        Sector(unchecked: Self.ownSectorPrefix + code, name: name, dacCode: code)
    }

    /// The prefix of `ownSector`'s code.
    public static let ownSectorPrefix = "dac-"

    /// The built-in codes: IATI's codelist and the CRS groups AidData uses, by code.
    public static let builtIn: [DACSector] = (codelist + groups).sorted { $0.code < $1.code }

    /// The built-in entry for `code`, if any.
    public static func known(_ code: String) -> DACSector? {
        byCode[code]
    }

    /// Whether `code` is three digits, the form of every DAC 3-digit code.
    public static func isCode(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy(TextRules.isDigit)
    }

    private static let byCode: [String: DACSector] = Dictionary(builtIn.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
}
