/// Exact integer arithmetic for chart coordinates, in tenths of a viewBox unit.
enum SVGGeometry {
    /// `part / whole` of `length` in tenths, rounded to the nearest and clamped to 0...length*10;
    /// zero when `whole` is not above zero.
    static func tenths(_ part: Int128, of whole: Int128, length: Int) -> Int {
        guard whole > 0, part > 0, length > 0 else { return 0 }
        let span = Int128(length) * 10
        guard part < whole else { return Int(span) }
        // Drop low bits of very large amounts, which no drawing can show, so the products fit.
        var part = part
        var whole = whole
        while whole > Int128(1) << 96 {
            part >>= 1
            whole >>= 1
        }
        let scaled = (part * span * 2 + whole) / (whole * 2)
        return Int(min(scaled, span))
    }

    /// Tenths as SVG number text: `123.4`, or `123` when whole.
    static func number(_ tenths: Int) -> String {
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        let fraction = magnitude % 10
        return fraction == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(fraction)"
    }

}
