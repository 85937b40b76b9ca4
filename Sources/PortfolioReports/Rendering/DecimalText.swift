import PortfolioCore

/// Exact decimal text for ratios, written from integers so no binary float artefact can appear.
public enum DecimalText {
    /// `ratio` with exactly `places` decimals, rounded half to even: `0.268750` for 43/160 at 6.
    public static func fixed(_ ratio: ExactRatio, places: Int) -> String {
        let places = max(0, min(places, 18))
        let scale = power(places)
        let divisor = UInt128(ratio.denominator)
        let scaled = ratio.numerator.magnitude.multipliedFullWidth(by: scale)
        // A ratio too large to write with this many decimals (beyond 10^20 at 18) is written as its
        // whole part alone, which no share or progress of a portfolio reaches.
        guard scaled.high < divisor else {
            return (ratio.numerator < 0 ? "-" : "") + String(ratio.numerator.magnitude / divisor)
        }
        let (quotient, remainder) = divisor.dividingFullWidth(scaled)
        var magnitude = quotient
        // remainder < divisor ≤ Int128.max, so twice the remainder fits.
        let twice = remainder * 2
        if (twice > divisor || (twice == divisor && quotient % 2 == 1)) && magnitude < .max {
            magnitude += 1
        }
        let sign = ratio.numerator < 0 && magnitude != 0 ? "-" : ""
        let (whole, fraction) = magnitude.quotientAndRemainder(dividingBy: scale)
        guard places > 0 else { return sign + String(whole) }
        let digits = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: places - digits.count) + digits
    }

    /// `ratio` with at most `places` decimals and no trailing zeros, keeping one decimal:
    /// `0.26875`, `1.0`. A valid JSON number.
    public static func trimmed(_ ratio: ExactRatio, places: Int = 6) -> String {
        var text = fixed(ratio, places: max(1, places))
        while text.hasSuffix("0"), let dot = text.firstIndex(of: "."), text.index(after: dot) < text.index(before: text.endIndex) {
            text.removeLast()
        }
        return text
    }

    /// A whole number with `places` zero decimals: `1.000000`.
    public static func whole(_ value: Int, places: Int) -> String {
        places > 0 ? "\(value)." + String(repeating: "0", count: places) : String(value)
    }

    /// `ratio` as a percentage with two decimals, such as `27.27%`.
    public static func percent(_ ratio: ExactRatio) -> String {
        ratio.percentText
    }

    private static func power(_ exponent: Int) -> UInt128 {
        var value: UInt128 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
