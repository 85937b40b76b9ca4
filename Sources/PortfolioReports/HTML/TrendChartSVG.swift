import PortfolioCore

/// The trend of a portfolio as an inline SVG line chart: counted and total value per snapshot,
/// and the target dashed, over time. One point is drawn as dots in the middle; no points draw nothing.
struct TrendChartSVG {
    let report: Report

    private static let width = 960
    private static let height = 340
    private static let left = 100
    private static let right = 48
    private static let top = 20
    private static let bottom = 44
    private static let ticks: Int128 = 4
    private static let labelGap = 1_100

    /// The SVG element, or a paragraph saying there is nothing to draw yet.
    var svg: String {
        let points = report.points
        guard !points.isEmpty else {
            return "<p class=\"empty\">No snapshots yet: the trend appears once rollups have been taken.</p>\n"
        }
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let axis = Self.axis(points)
        let xs = Self.xPositions(points, plotWidth: plotWidth)
        func y(_ money: Money) -> Int {
            let offset = money.minorUnits.subtractingReportingOverflow(axis.low)
            let part = offset.overflow ? 0 : offset.partialValue
            return (Self.top + plotHeight) * 10 - SVGGeometry.tenths(part, of: axis.high - axis.low, length: plotHeight)
        }
        var out = "<svg class=\"chart trend\" role=\"img\" viewBox=\"0 0 \(Self.width) \(Self.height)\" "
            + "aria-label=\"\(HTML.escape(summary))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        out += "<title>\(HTML.escape(summary))</title>\n"
        for tick in 0...((axis.high - axis.low) / axis.step) {
            let amount = Money(minorUnits: axis.low + axis.step * tick, currency: report.currency)
            let tickY = SVGGeometry.number(y(amount))
            out += "<line class=\"grid\" x1=\"\(Self.left)\" x2=\"\(Self.width - Self.right)\" y1=\"\(tickY)\" y2=\"\(tickY)\"/>\n"
            out += "<text class=\"axis\" x=\"\(Self.left - 10)\" y=\"\(tickY)\" text-anchor=\"end\" dominant-baseline=\"central\">"
                + "\(HTML.escape(ReportText.compact(amount)))</text>\n"
        }
        for index in Self.labelledIndices(xs) {
            out += "<text class=\"axis\" x=\"\(SVGGeometry.number(xs[index]))\" y=\"\(Self.height - Self.bottom + 22)\" "
                + "text-anchor=\"middle\">\(points[index].asOf)</text>\n"
        }
        let targetYs = points.map { y($0.target) }
        if points.count == 1, let only = targetYs.first {
            let level = SVGGeometry.number(only)
            out += "<line class=\"line-target\" x1=\"\(Self.left)\" x2=\"\(Self.width - Self.right)\" y1=\"\(level)\" y2=\"\(level)\"/>\n"
        } else {
            out += Self.polyline("line-target", xs: xs, ys: targetYs)
            out += Self.polyline("line-total", xs: xs, ys: points.map { y($0.total) })
            out += Self.polyline("line-counted", xs: xs, ys: points.map { y($0.counted) })
        }
        for (index, point) in points.enumerated() {
            let x = SVGGeometry.number(xs[index])
            out += "<g>\n<title>\(HTML.escape(Self.describe(point)))</title>\n"
            out += "<circle class=\"dot-total\" cx=\"\(x)\" cy=\"\(SVGGeometry.number(y(point.total)))\" r=\"3.5\"/>\n"
            out += "<circle class=\"dot-counted\" cx=\"\(x)\" cy=\"\(SVGGeometry.number(y(point.counted)))\" r=\"4.5\"/>\n"
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }

    /// The figures in words: the text alternative of the chart.
    var summary: String {
        let points = report.points
        guard let first = points.first, let last = points.last else {
            return "No snapshots yet."
        }
        if points.count == 1 {
            return "Line chart with one snapshot, \(first.asOf): \(first.counted) counted "
                + "(\(first.progress.percentText) of the \(first.target) target), \(first.total) in total."
        }
        return "Line chart of \(points.count) snapshots from \(first.asOf) to \(last.asOf): counted value went from "
            + "\(first.counted) (\(first.progress.percentText) of target) to \(last.counted) "
            + "(\(last.progress.percentText) of the \(last.target) target); total value from \(first.total) to \(last.total)."
    }

    private static func describe(_ point: TrendPoint) -> String {
        "\(point.asOf) (\(point.trigger), taken \(ReportText.timestamp(point.takenAt))): \(point.counted) counted, "
            + "\(point.progress.percentText) of target; \(point.total) in total; \(point.projectCount) projects"
    }

    private static func polyline(_ style: String, xs: [Int], ys: [Int]) -> String {
        let pairs = zip(xs, ys).map { "\(SVGGeometry.number($0)),\(SVGGeometry.number($1))" }
        return "<polyline class=\"\(style)\" points=\"\(pairs.joined(separator: " "))\"/>\n"
    }

    /// X positions in tenths: by time taken when the times differ, else evenly by order; one point sits in the middle.
    private static func xPositions(_ points: [TrendPoint], plotWidth: Int) -> [Int] {
        let origin = left * 10
        guard points.count > 1 else { return points.map { _ in origin + plotWidth * 5 } }
        let seconds = points.map { Int64(exactly: $0.takenAt.timeIntervalSince1970.rounded()) }
        let known = seconds.compactMap { $0 }
        if known.count == points.count, let start = known.min(), let end = known.max(), end > start,
           !end.subtractingReportingOverflow(start).overflow {
            return known.map { origin + SVGGeometry.tenths(Int128($0 - start), of: Int128(end - start), length: plotWidth) }
        }
        let last = Int128(points.count - 1)
        return points.indices.map { origin + SVGGeometry.tenths(Int128($0), of: last, length: plotWidth) }
    }

    /// The indices whose date labels fit without overlapping, the last one always included.
    private static func labelledIndices(_ xs: [Int]) -> [Int] {
        var chosen: [Int] = []
        for index in xs.indices {
            if let previous = chosen.last, xs[index] - xs[previous] < labelGap {
                if index == xs.count - 1 {
                    chosen.removeLast()
                    if let before = chosen.last, xs[index] - xs[before] < labelGap { continue }
                    chosen.append(index)
                }
                continue
            }
            chosen.append(index)
        }
        return chosen
    }

    /// The value axis: from a multiple of `step` at or below the smallest amount drawn to one at or
    /// above the largest, in about four steps of 1, 2, 2.5 or 5 times a power of ten, no finer than
    /// the labels can show.
    static func axis(_ points: [TrendPoint]) -> (low: Int128, high: Int128, step: Int128) {
        // Amounts are clamped to 10^38, beyond any sum a portfolio reaches, so the steps below cannot overflow.
        let ceiling: Int128 = 100_000_000_000_000_000_000_000_000_000_000_000_000
        let amounts = points.flatMap { [$0.total.minorUnits, $0.counted.minorUnits, $0.target.minorUnits] }.map { min($0, ceiling) }
        let smallest = max(0, amounts.min() ?? 0)
        let largest = max(smallest, amounts.max() ?? 0)
        var unit: Int128 = 1
        for _ in 0..<(points.first?.target.currency.minorDigits ?? 2) { unit *= 10 }
        let resolution: Int128 = largest >= 1_000_000_000 * unit ? 10_000_000 * unit
            : largest >= 1_000_000 * unit ? 100_000 * unit : unit
        let needed = max((largest - smallest + ticks - 1) / ticks, resolution)
        let step = niceStep(atLeast: needed)
        var low = smallest / step * step
        var high = (largest + step - 1) / step * step
        if high == low {
            high = low + step
            if low >= step { low -= step }
        }
        return (low, high, step)
    }

    /// The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `needed`.
    private static func niceStep(atLeast needed: Int128) -> Int128 {
        var base: Int128 = 1
        while true {
            var steps = [base, base * 2]
            if base % 2 == 0 { steps.append(base * 5 / 2) }
            steps.append(base * 5)
            if let step = steps.first(where: { $0 >= needed }) { return step }
            base *= 10
        }
    }
}
