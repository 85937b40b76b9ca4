import PortfolioCore

/// The HTML tables beneath the charts: the exact figures, escaped, numbers right-aligned.
enum HTMLTable {
    /// A cell: its escaped text and its CSS class (`num` right-aligns, `nowrap` keeps dates whole).
    struct Cell {
        let html: String
        let style: String?

        static func text(_ text: String) -> Cell { Cell(html: HTML.escape(text), style: nil) }
        static func fixed(_ text: String) -> Cell { Cell(html: HTML.escape(text), style: "nowrap") }
        static func number(_ text: String) -> Cell { Cell(html: HTML.escape(text), style: "num") }
    }

    /// The table of a report's figures.
    static func of(_ report: Report) -> String {
        let code = report.currency.code
        let caption = "\(report.kind.title) as of \(report.asOf), amounts in \(code)"
        let ledger = report.financing
        let ledgerHeader: [Cell] = ledger == nil ? []
            : ["Committed", "Disbursed", "Undisbursed", "Repaid", "Outstanding", "Disbursed %"].map { .number($0) }
        func ledgerCells(_ line: (ReportFinancing) -> Financing) -> [Cell] {
            guard let ledger else { return [] }
            let figures = line(ledger)
            return ledger.amounts(figures).map { .number($0.formatted(grouping: true)) } + [.number(figures.disbursementRatio.percentText)]
        }
        switch report.kind {
        case .sectors, .statuses, .lenders:
            return table(
                caption: caption,
                header: [.text(ReportText.keyTitle(report.kind)), .number("Projects"), .number("Value (\(code))"),
                         .number("Counted (\(code))"), .number("Share")] + ledgerHeader,
                rows: report.rows.map { row in
                    [.text(row.key), .number(String(row.projects)), .number(row.value.formatted(grouping: true)),
                     .number(row.counted.formatted(grouping: true)), .number(row.share.percentText)] + ledgerCells { $0.line(row.key) }
                },
                footer: [.text("Total"), .number(String(report.total.projects)),
                         .number(report.total.value.formatted(grouping: true)),
                         .number(report.total.counted.formatted(grouping: true)), .number(fullShare(report))] + ledgerCells(\.total)
            )
        case .progress:
            let target = report.progress?.target
            return table(
                caption: caption,
                header: [.text(ReportText.keyTitle(report.kind)), .number("Projects"), .number("Value (\(code))"),
                         .number("Share"), .number("Of target")] + ledgerHeader,
                rows: report.rows.map { row in
                    [.text(row.key), .number(String(row.projects)), .number(row.value.formatted(grouping: true)),
                     .number(row.share.percentText), .number(ofTarget(row.value, target))] + ledgerCells { $0.line(row.key) }
                },
                footer: [.text("Total"), .number(String(report.total.projects)),
                         .number(report.total.value.formatted(grouping: true)), .number(fullShare(report)),
                         .number(ofTarget(report.total.value, target))] + ledgerCells(\.total)
            )
        case .trend:
            guard !report.points.isEmpty else { return "" }
            return table(
                caption: "Rollup snapshots, oldest first, amounts in \(code)",
                header: [.text("Taken at"), .text("As of"), .text("Trigger"), .number("Projects"),
                         .number("Total"), .number("Counted"), .number("Target"), .number("Progress")],
                rows: report.points.map { point in
                    [.fixed(ReportText.timestamp(point.takenAt)), .fixed(point.asOf.description), .text(point.trigger),
                     .number(String(point.projectCount)), .number(point.total.formatted(grouping: true)),
                     .number(point.counted.formatted(grouping: true)), .number(point.target.formatted(grouping: true)),
                     .number(point.progress.percentText)]
                },
                footer: nil
            )
        }
    }

    private static func table(caption: String, header: [Cell], rows: [[Cell]], footer: [Cell]?) -> String {
        var out = "<div class=\"table-wrap\">\n<table>\n<caption>\(HTML.escape(caption))</caption>\n<thead><tr>"
        for cell in header {
            out += "<th scope=\"col\"\(cell.style == "num" ? " class=\"num\"" : "")>\(cell.html)</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>" + cells(row) + "</tr>\n"
        }
        out += "</tbody>\n"
        if let footer {
            out += "<tfoot><tr>" + cells(footer) + "</tr></tfoot>\n"
        }
        return out + "</table>\n</div>\n"
    }

    private static func cells(_ row: [Cell]) -> String {
        row.map { cell in
            cell.style.map { "<td class=\"\($0)\">\(cell.html)</td>" } ?? "<td>\(cell.html)</td>"
        }.joined()
    }

    private static func fullShare(_ report: Report) -> String {
        report.total.value.minorUnits > 0 ? "100.00%" : "0.00%"
    }

    private static func ofTarget(_ amount: Money, _ target: Money?) -> String {
        guard let target, let ratio = try? ExactRatio(amount.minorUnits, over: target.minorUnits) else { return "" }
        return ratio.percentText
    }
}
