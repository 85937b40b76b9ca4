import Foundation
import PortfolioCore

/// Text pieces the renderers share: titles, dates, compact amounts and the progress bar.
enum ReportText {
    /// `Value by sector (as of 2026-11-29, USD)`.
    static func heading(_ report: Report) -> String {
        "\(report.kind.title) (as of \(report.asOf), \(report.currency.code))"
    }

    /// The key's column title, such as `Sector`.
    static func keyTitle(_ kind: ReportKind) -> String {
        kind.keyName.prefix(1).uppercased() + kind.keyName.dropFirst()
    }

    /// `2026-11-29T10:00:00Z`: the instant in UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0) ?? .gmt))
    }

    /// A text bar of `width` cells filled in proportion to `ratio` (clamped to 0...1): `[#####-----]`.
    static func bar(_ ratio: ExactRatio, width: Int = 20) -> String {
        let filled = filledCells(ratio, width: width)
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }

    /// How many of `width` cells `ratio` fills, rounded down (the bar is full only at 100%), within 0...width.
    static func filledCells(_ ratio: ExactRatio, width: Int) -> Int {
        let points = max(0, min(ratio.basisPoints, 10_000))
        return points * width / 10_000
    }

    /// A short amount for chart labels: `2.18 bn`, `87.5 m`, `950,000` (whole units,
    /// cents dropped); millions and billions round half to even.
    static func compact(_ money: Money) -> String {
        var unit: Int128 = 1
        for _ in 0..<money.currency.minorDigits { unit *= 10 }
        let whole = money.minorUnits / unit
        if whole.magnitude >= 1_000_000_000 {
            return scaled(money.minorUnits, by: 1_000_000_000 * unit, places: 2) + " bn"
        }
        if whole.magnitude >= 1_000_000 {
            return scaled(money.minorUnits, by: 1_000_000 * unit, places: 1) + " m"
        }
        let text = money.formatted(grouping: true)
        return text.split(separator: ".").first.map(String.init) ?? text
    }

    /// `value / divisor` with `places` decimals, rounded half to even.
    private static func scaled(_ value: Int128, by divisor: Int128, places: Int) -> String {
        guard let ratio = try? ExactRatio(value, over: divisor) else { return String(value / divisor) }
        return DecimalText.fixed(ratio, places: places)
    }

    /// The ledger's disbursed amount against the target, such as `1,000,000.00 USD (12.50% of the
    /// target)`; nil without the ledger's columns or a target.
    static func disbursedAgainstTarget(_ report: Report) -> String? {
        guard let ledger = report.financing, let target = report.progress?.target else { return nil }
        let disbursed = Money(minorUnits: ledger.total.disbursed, currency: report.currency)
        let ratio = target.minorUnits > 0 ? (try? ExactRatio(disbursed.minorUnits, over: target.minorUnits)) ?? .zero : .zero
        return "\(disbursed) (\(ratio.percentText) of the target)"
    }
}
