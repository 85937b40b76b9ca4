import PortfolioCore

/// Writes reports as one self-contained HTML page: inline CSS and SVG charts, no scripts,
/// fonts or images to fetch, so the file works offline and prints cleanly.
///
/// Every chart is `role="img"` with a label giving its figures, and the table of exact figures
/// follows it. All text from the data is escaped.
public struct HTMLRenderer: ReportRenderer {
    /// Creates a renderer.
    public init() {}

    /// A page with one report: its chart and its table (progress adds the headline figures).
    public func render(_ report: Report) -> String {
        var body = ""
        if report.kind == .progress {
            body += Self.headline(report)
        }
        body += Self.section(report)
        return Self.page(
            title: "\(report.kind.title) — portfolio report",
            heading: report.kind.title,
            meta: Self.meta(asOf: report.asOf, currency: report.currency, target: report.progress?.target),
            body: body
        )
    }

    /// The full dashboard: headline figures, the progress bar against the target, bar charts
    /// by sector, status and lender, and the trend, each with its table. The date, currency and
    /// target come from `progress`; a nil trend leaves its section out.
    public func renderDashboard(
        sectors: Report, statuses: Report, lenders: Report, progress: Report, trend: Report?
    ) -> String {
        var body = Self.headline(progress)
        for report in [progress, sectors, statuses, lenders] {
            body += Self.section(report)
        }
        if let trend {
            body += Self.section(trend)
        }
        return Self.page(
            title: "Portfolio report as of \(progress.asOf)",
            heading: "Portfolio report",
            meta: Self.meta(asOf: progress.asOf, currency: progress.currency, target: progress.progress?.target),
            body: body
        )
    }

    public static func page(title: String, heading: String, meta: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>
        <main>
        <header class="page">
        <h1>\(HTML.escape(heading))</h1>
        <p class="meta">\(HTML.escape(meta))</p>
        </header>
        \(body)<footer class="page">Counted against the target: committed, ongoing and finished projects. \
        Pledged projects are pipeline; suspended and cancelled projects are shown apart. \
        A co-financed project's value is split across its lenders by their shares.</footer>
        </main>
        </body>
        </html>

        """
    }

    private static func meta(asOf: LocalDate, currency: Currency, target: Money?) -> String {
        var text = "As of \(asOf) · amounts in \(currency.code)"
        if let target { text += " · target \(target)" }
        return text
    }

    /// Four cards: counted (with progress), pipeline, total and what is shown apart.
    private static func headline(_ report: Report) -> String {
        guard let progress = report.progress else { return "" }
        let code = HTML.escape(report.currency.code)
        func count(_ key: String) -> Int {
            report.rows.first { $0.key == key }?.projects ?? 0
        }
        func projects(_ key: String) -> String {
            count(key) == 1 ? "1 project" : "\(count(key)) projects"
        }
        func card(_ label: String, _ amount: Money, _ sub: String, accent: Bool = false) -> String {
            "<div class=\"kpi\(accent ? " accent" : "")\"><div class=\"label\">\(HTML.escape(label))</div>"
                + "<div class=\"value\" title=\"\(HTML.escape(amount.description))\">"
                + "\(HTML.escape(ReportText.compact(amount)))<span class=\"unit\">\(code)</span></div>"
                + "<div class=\"sub\">\(HTML.escape(sub))</div></div>\n"
        }
        let apart: Money = (try? progress.suspended.adding(progress.cancelled)) ?? progress.suspended
        var out = "<section class=\"kpis\" aria-label=\"Headline figures\">\n"
        out += card("Counted toward target", progress.counted,
                    "\(progress.ratio.percentText) of \(ReportText.compact(progress.target)) · \(projects("counted"))",
                    accent: true)
        out += card("Pipeline (pledged)", progress.pledged, projects("pledged"))
        out += card("Total portfolio", report.total.value,
                    report.total.projects == 1 ? "1 project" : "\(report.total.projects) projects")
        out += card("Suspended or cancelled", apart,
                    "\(count("suspended")) suspended · \(count("cancelled")) cancelled")
        if let ledger = report.financing {
            let disbursed = Money(minorUnits: ledger.total.disbursed, currency: report.currency)
            out += card("Disbursed", disbursed, "\(ledger.total.disbursementRatio.percentText) of committed · "
                        + "\(ReportText.compact(Money(minorUnits: ledger.total.outstanding, currency: report.currency))) outstanding")
        }
        return out + "</section>\n"
    }

    private static func section(_ report: Report) -> String {
        let id = "report-\(report.kind.rawValue)"
        var out = "<section class=\"card\" id=\"\(id)\" aria-labelledby=\"\(id)-title\">\n"
        out += "<h2 id=\"\(id)-title\">\(HTML.escape(report.kind.title))</h2>\n"
        out += "<p class=\"lede\">\(HTML.escape(lede(report)))</p>\n"
        out += "<figure>\n"
        switch report.kind {
        case .sectors, .statuses, .lenders:
            out += BarChartSVG(report: report).svg
            out += legend([("counted", "Counted against target"), ("rest", "Not counted: pledged, suspended or cancelled")])
        case .progress:
            if let progress = report.progress {
                out += ProgressBarSVG(progress: progress).svg
            }
            out += legend([("counted", "Counted"), ("pipeline", "Pledged pipeline"), ("target", "Target")])
        case .trend:
            out += TrendChartSVG(report: report).svg
            if !report.points.isEmpty {
                out += legend([("counted-line", "Counted"), ("total", "Total value"), ("target-dash", "Target")])
            }
        }
        out += "</figure>\n"
        out += HTMLTable.of(report)
        return out + "</section>\n"
    }

    private static func lede(_ report: Report) -> String {
        switch report.kind {
        case .sectors: "Value of the portfolio by sector; the darker part counts against the target."
        case .statuses: "Value by status, in life-cycle order."
        case .lenders: "Each lender's share of the projects it finances; co-financed projects are split by share."
        case .progress:
            if let progress = report.progress {
                "\(progress.counted) of the \(progress.target) target is counted: \(progress.ratio.percentText)."
            } else {
                "Value against the target."
            }
        case .trend:
            report.points.count == 1
                ? "One rollup snapshot so far; the line appears with the next."
                : "Counted and total value at each rollup snapshot, against the target."
        }
    }

    static func legend(_ items: [(style: String, text: String)]) -> String {
        var out = "<ul class=\"legend\">"
        for item in items {
            out += "<li><span class=\"swatch \(item.style)\" aria-hidden=\"true\"></span>\(HTML.escape(item.text))</li>"
        }
        return out + "</ul>\n"
    }
}
