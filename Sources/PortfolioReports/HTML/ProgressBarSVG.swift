import PortfolioCore

/// The portfolio against its target as an inline SVG bar: counted value solid, the pledged
/// pipeline after it, and a marker at the target. The scale grows past the target when counted
/// and pledged together exceed it.
struct ProgressBarSVG {
    let progress: ReportProgress

    private static let width = 960
    private static let height = 76
    private static let barTop = 22
    private static let barHeight = 28

    var svg: String {
        let target = progress.target.minorUnits
        let withPipeline = progress.counted.minorUnits.addingReportingOverflow(progress.pledged.minorUnits)
        let scale = withPipeline.overflow ? Int128.max : max(target, withPipeline.partialValue)
        let counted = SVGGeometry.tenths(progress.counted.minorUnits, of: scale, length: Self.width)
        let pipeline = SVGGeometry.tenths(withPipeline.overflow ? scale : withPipeline.partialValue, of: scale, length: Self.width)
        let marker = SVGGeometry.tenths(target, of: scale, length: Self.width)
        let markerX = min(max(marker, 10), Self.width * 10 - 10)
        var out = "<svg class=\"chart progress\" role=\"img\" viewBox=\"0 0 \(Self.width) \(Self.height)\" "
            + "aria-label=\"\(HTML.escape(summary))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        out += "<title>\(HTML.escape(summary))</title>\n"
        out += "<rect class=\"track\" x=\"0\" y=\"\(Self.barTop)\" width=\"\(Self.width)\" height=\"\(Self.barHeight)\" rx=\"5\"/>\n"
        if pipeline > 0 {
            out += "<rect class=\"bar-pipeline\" x=\"0\" y=\"\(Self.barTop)\" width=\"\(SVGGeometry.number(pipeline))\" "
                + "height=\"\(Self.barHeight)\" rx=\"5\"/>\n"
        }
        if counted > 0 {
            out += "<rect class=\"bar-counted\" x=\"0\" y=\"\(Self.barTop)\" width=\"\(SVGGeometry.number(counted))\" "
                + "height=\"\(Self.barHeight)\" rx=\"5\"/>\n"
        }
        let markerText = SVGGeometry.number(markerX)
        out += "<line class=\"target-line\" x1=\"\(markerText)\" x2=\"\(markerText)\" y1=\"\(Self.barTop - 6)\" "
            + "y2=\"\(Self.barTop + Self.barHeight + 6)\"/>\n"
        out += "<text class=\"target-label\" x=\"\(markerText)\" y=\"\(Self.barTop - 10)\" "
            + "text-anchor=\"\(markerX > Self.width * 5 ? "end" : "start")\">"
            + "target \(HTML.escape(ReportText.compact(progress.target)))</text>\n"
        let inside = counted > Self.width * 5
        let labelX = inside ? max(counted - 100, 0) : counted + 100
        let middle = SVGGeometry.number(Self.barTop * 10 + Self.barHeight * 5)
        out += "<text class=\"bar-label\(inside ? " inverse" : "")\" x=\"\(SVGGeometry.number(labelX))\" y=\"\(middle)\" "
            + "text-anchor=\"\(inside ? "end" : "start")\" dominant-baseline=\"central\">"
            + "\(HTML.escape(ReportText.compact(progress.counted))) counted · \(progress.ratio.percentText)</text>\n"
        return out + "</svg>\n"
    }

    /// The figures in words.
    var summary: String {
        "Progress bar: \(progress.counted) counted of the \(progress.target) target, \(progress.ratio.percentText); "
            + "\(progress.pledged) more pledged, \(progress.suspended) suspended, \(progress.cancelled) cancelled."
    }
}
