/// An exact `numeric` value, kept as its canonical decimal text (never a binary float).
public struct PostgresNumeric: Sendable, Hashable, CustomStringConvertible, PostgresEncodable, PostgresDecodable {
    /// Canonical text: optional `-`, digits, optional `.` and digits; or `NaN`.
    public let text: String

    /// Parses decimal text (`-12.345`, `0.5`, `NaN`); nil when it is not one.
    public init?(_ text: String) {
        guard PostgresNumeric.isValid(text) else { return nil }
        self.text = text
    }

    /// The value of integer minor units at the given scale: `PostgresNumeric(minorUnits: 150, scale: 2)` is `1.50`.
    public init(minorUnits: Int64, scale: Int) {
        precondition(scale >= 0 && scale <= 30, "scale out of range")
        let negative = minorUnits < 0
        var digits = String(minorUnits.magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        text = (negative ? "-" : "") + digits
    }

    public var description: String { text }

    /// The value as integer units of 10^-scale, exactly; nil if it has more decimals than
    /// `scale`, overflows, or is NaN.
    public func minorUnits(scale: Int) -> Int64? {
        guard text != "NaN" else { return nil }
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0]
        var fraction = parts.count > 1 ? parts[1] : ""
        while fraction.count > scale, fraction.last == "0" { fraction = fraction.dropLast() }
        guard fraction.count <= scale else { return nil }
        let padded = String(whole) + String(fraction) + String(repeating: "0", count: scale - fraction.count)
        guard let magnitude = UInt64(padded) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    public static var postgresType: OID { .numeric }
    public var postgresText: String? { text }

    public static func decode(postgresText text: String, type: OID) -> PostgresNumeric? {
        guard type == .numeric || OID.integers.contains(type) || type == .unknown else { return nil }
        return PostgresNumeric(text)
    }

    static func isValid(_ text: String) -> Bool {
        if text == "NaN" { return true }
        var sawDigit = false
        var sawPoint = false
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where offset == 0: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: ".") where !sawPoint: sawPoint = true
            default: return false
            }
        }
        return sawDigit
    }
}
