/// An exact decimal number, `mantissa × 10^-scale`, for FX rates and similar ratios.
///
/// Values are kept normalised (no trailing zeros after the point), so `7.10` and `7.1`
/// are equal and hash alike. The scale is at most 18; the mantissa is any `Int128`.
public struct ExactDecimal: Hashable, Sendable, CustomStringConvertible {
    /// The digits as an integer: `7.1234` has mantissa `71234`.
    public let mantissa: Int128
    /// Digits after the decimal point, 0...18: `7.1234` has scale 4.
    public let scale: Int

    /// The largest supported scale.
    public static let maxScale = 18

    /// Creates `mantissa × 10^-scale`; throws when `scale` is outside 0...18.
    public init(mantissa: Int128, scale: Int) throws(DomainError) {
        guard (0...Self.maxScale).contains(scale) else {
            throw DomainError("a decimal scale of \(scale) is outside 0...\(Self.maxScale)")
        }
        var mantissa = mantissa
        var scale = scale
        while scale > 0 && mantissa % 10 == 0 {
            mantissa /= 10
            scale -= 1
        }
        self.mantissa = mantissa
        self.scale = scale
    }

    /// The whole number `value`.
    public init(_ value: Int) {
        self.mantissa = Int128(value)
        self.scale = 0
    }

    /// -1, 0 or 1.
    public var signum: Int { Int(mantissa.signum()) }

    /// The exact plain decimal, such as `7.123456789` or `-0.5`.
    public var description: String {
        var text = String(mantissa.magnitude)
        if scale > 0 {
            if text.count <= scale {
                text = String(repeating: "0", count: scale - text.count + 1) + text
            }
            text = text.dropLast(scale) + "." + text.suffix(scale)
        }
        return mantissa < 0 ? "-" + text : text
    }

    /// `10^exponent` for 0...38.
    static func powerOfTen(_ exponent: Int) -> UInt128 {
        var value: UInt128 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}

extension ExactDecimal: Comparable {
    /// Compares exactly, aligning scales in 256-bit arithmetic.
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.scale == rhs.scale { return lhs.mantissa < rhs.mantissa }
        let scale = max(lhs.scale, rhs.scale)
        let left = lhs.mantissa.multipliedFullWidth(by: Int128(powerOfTen(scale - lhs.scale)))
        let right = rhs.mantissa.multipliedFullWidth(by: Int128(powerOfTen(scale - rhs.scale)))
        return (left.high, left.low) < (right.high, right.low)
    }
}
