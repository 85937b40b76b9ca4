/// An exact ratio of two whole numbers, kept in lowest terms with a positive denominator.
public struct ExactRatio: Hashable, Sendable, CustomStringConvertible {
    /// The numerator, in lowest terms.
    public let numerator: Int64
    /// The denominator, greater than zero, in lowest terms.
    public let denominator: Int64

    /// Creates `numerator / denominator` in lowest terms; the denominator must be greater than zero.
    public init(_ numerator: Int64, over denominator: Int64) throws(DomainError) {
        guard denominator > 0 else {
            throw DomainError("a ratio's denominator must be greater than zero, not \(denominator)")
        }
        self.init(reducing: numerator, over: denominator)
    }

    /// Reduces a ratio whose denominator is known to be positive.
    init(reducing numerator: Int64, over denominator: Int64) {
        var a = numerator.magnitude
        var b = denominator.magnitude
        while b != 0 {
            (a, b) = (b, a % b)
        }
        // The divisor divides the positive denominator, so it fits in Int64.
        let divisor = Int64(truncatingIfNeeded: Swift.max(a, 1))
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

    /// The basis points in 128-bit arithmetic, which cannot overflow.
    private var exactBasisPoints: Int128 {
        let scaled = Int128(numerator).magnitude * 10_000
        let divisor = UInt128(denominator)
        let (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: divisor)
        var magnitude = quotient
        let twice = remainder * 2
        if twice > divisor || (twice == divisor && quotient % 2 == 1) {
            magnitude += 1
        }
        let value = Int128(magnitude)
        return numerator < 0 ? -value : value
    }
}
