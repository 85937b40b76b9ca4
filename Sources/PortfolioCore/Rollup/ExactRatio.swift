/// An exact ratio of two whole numbers, kept in lowest terms with a positive denominator.
public struct ExactRatio: Hashable, Sendable, CustomStringConvertible {
    /// The numerator, in lowest terms.
    public let numerator: Int128
    /// The denominator, greater than zero, in lowest terms.
    public let denominator: Int128

    /// Creates `numerator / denominator` in lowest terms; the denominator must be greater than zero.
    public init(_ numerator: Int128, over denominator: Int128) throws(DomainError) {
        guard denominator > 0 else {
            throw DomainError("a ratio's denominator must be greater than zero, not \(denominator)")
        }
        self.init(reducing: numerator, over: denominator)
    }

    /// Zero, `0/1`.
    public static let zero = ExactRatio(reducing: 0, over: 1)

    /// Reduces a ratio whose denominator is known to be positive.
    init(reducing numerator: Int128, over denominator: Int128) {
        var a = numerator.magnitude
        var b = denominator.magnitude
        while b != 0 {
            (a, b) = (b, a % b)
        }
        // The divisor divides the positive denominator, so it fits in Int128.
        let divisor = Int128(truncatingIfNeeded: Swift.max(a, 1))
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    /// The ratio in basis points (1/10000), rounded half to even; 0.875 is 8750.
    ///
    /// Saturates at `Int.min` and `Int.max`, which only a ratio beyond 900 trillion percent reaches.
    public var basisPoints: Int {
        Int(clamping: exactBasisPoints)
    }

    /// The ratio as a percentage with two decimals, rounded half to even, such as `87.50%`.
    public var percentText: String {
        let points = exactBasisPoints
        let sign = points < 0 ? "-" : ""
        let magnitude = points.magnitude
        let hundredths = magnitude % 100
        let padding = hundredths < 10 ? "0" : ""
        return "\(sign)\(magnitude / 100).\(padding)\(hundredths)%"
    }

    /// `numerator/denominator`, such as `7/8`.
    public var description: String {
        "\(numerator)/\(denominator)"
    }

    /// The basis points, rounded half to even, in 256-bit intermediate arithmetic; saturates at
    /// ±`Int128.max`, which only a ratio beyond 10^34 reaches.
    private var exactBasisPoints: Int128 {
        let divisor = UInt128(denominator)
        let cap = UInt128(Int128.max)
        let scaled = numerator.magnitude.multipliedFullWidth(by: 10_000)
        let magnitude: UInt128
        if scaled.high >= divisor {
            magnitude = cap
        } else {
            let (quotient, remainder) = divisor.dividingFullWidth(scaled)
            // remainder < divisor ≤ Int128.max, so twice the remainder fits.
            let twice = remainder * 2
            let up = twice > divisor || (twice == divisor && quotient % 2 == 1)
            magnitude = Swift.min(quotient, cap) + (up && quotient < cap ? 1 : 0)
        }
        let value = Int128(magnitude)
        return numerator < 0 ? -value : value
    }
}
