/// A field of activity, such as energy, optionally mapped to an OECD DAC 3-digit sector code.
public struct Sector: Hashable, Sendable, CustomStringConvertible {
    /// The short lower-case key, matching `^[a-z][a-z0-9_-]{0,31}$`, such as `energy`.
    public let code: String
    /// The human name, 1...200 characters without control characters, such as `Energy`.
    public let name: String
    /// The OECD DAC 3-digit sector code, such as `230`, if mapped.
    public let dacCode: String?

    init(unchecked code: String, name: String, dacCode: String?) {
        self.code = code
        self.name = name
        self.dacCode = dacCode
    }

    /// Validates and creates a sector; the code is lower-cased, the name trimmed, a blank DAC code means none.
    public init(code: String, name: String, dacCode: String? = nil) throws(DomainError) {
        let code = try Self.validateCode(code)
        let checkedName: String
        do {
            checkedName = try TextRules.requiredText(name, what: "sector name", maxLength: 200)
        } catch {
            throw error.inField("name")
        }
        var dac = dacCode.map(TextRules.trimmed)
        if dac?.isEmpty == true { dac = nil }
        if let dac, !(dac.utf8.count == 3 && dac.utf8.allSatisfy(TextRules.isDigit)) {
            throw DomainError("\(TextRules.quoted(dac)) is not an OECD DAC sector code; use three digits, such as 230", field: "dac_code")
        }
        self.init(unchecked: code, name: checkedName, dacCode: dac)
    }

    /// The code.
    public var description: String { code }

    /// Trims and lower-cases `text`, then checks it against `^[a-z][a-z0-9_-]{0,31}$`.
    public static func validateCode(_ text: String) throws(DomainError) -> String {
        let code = TextRules.trimmed(text).lowercased()
        let bytes = Array(code.utf8)
        guard let first = bytes.first else {
            throw DomainError("sector code is empty", field: "sector")
        }
        guard first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") else {
            throw DomainError("sector code \(TextRules.quoted(code)) must start with a letter a-z", field: "sector")
        }
        let allowed = bytes.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || TextRules.isDigit($0)
                || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
        guard allowed else {
            throw DomainError(
                "sector code \(TextRules.quoted(code)) may hold only letters a-z, digits, \"_\" and \"-\"", field: "sector"
            )
        }
        guard bytes.count <= 32 else {
            throw DomainError("sector code \(TextRules.quoted(code)) is \(bytes.count) characters; at most 32 are allowed", field: "sector")
        }
        return code
    }
}
