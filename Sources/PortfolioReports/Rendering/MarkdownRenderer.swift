import PortfolioCore

/// Writes a report as a `##` heading and a GitHub-flavoured table with right-aligned numbers, ready to paste.
///
/// Amounts are grouped, without the currency (it is in the heading); text is escaped so names
/// with `|`, `<`, `*` or `&` show as written.
public struct MarkdownRenderer: ReportRenderer {
    /// Creates a renderer.
    public init() {}

    /// The heading, a blank line and the table; progress ends with a line on the target.
    public func render(_ report: Report) -> String {
        var out = "## \(Self.escape(ReportText.heading(report)))\n\n"
        let ledger = report.financing
        let ledgerHeader = ledger == nil ? [] : ["Committed", "Disbursed", "Undisbursed", "Repaid", "Outstanding", "Disbursed %"]
        func ledgerCells(_ line: (ReportFinancing) -> Financing) -> [String] {
            guard let ledger else { return [] }
            let figures = line(ledger)
            return ledger.amounts(figures).map(Self.amount) + [figures.disbursementRatio.percentText]
        }
        let ledgerAligned = ledgerHeader.map { _ in true }
        switch report.kind {
        case .sectors, .statuses, .lenders:
            out += Self.table(
                header: [ReportText.keyTitle(report.kind), "Projects", "Value", "Counted", "Share"] + ledgerHeader,
                rightAligned: [false, true, true, true, true] + ledgerAligned,
                rows: report.rows.map { row in
                    [Self.escape(row.key), String(row.projects), Self.amount(row.value), Self.amount(row.counted), row.share.percentText]
                        + ledgerCells { $0.line(row.key) }
                },
                footer: [
                    "**Total**", "**\(report.total.projects)**", "**\(Self.amount(report.total.value))**",
                    "**\(Self.amount(report.total.counted))**", "**\(Self.fullShare(report))**",
                ] + ledgerCells(\.total).map { "**\($0)**" }
            )
        case .progress:
            out += Self.table(
                header: [ReportText.keyTitle(report.kind), "Projects", "Value", "Share"] + ledgerHeader,
                rightAligned: [false, true, true, true] + ledgerAligned,
                rows: report.rows.map { row in
                    [Self.escape(row.key), String(row.projects), Self.amount(row.value), row.share.percentText]
                        + ledgerCells { $0.line(row.key) }
                },
                footer: [
                    "**Total**", "**\(report.total.projects)**", "**\(Self.amount(report.total.value))**",
                    "**\(Self.fullShare(report))**",
                ] + ledgerCells(\.total).map { "**\($0)**" }
            )
            if let progress = report.progress {
                out += "\n**Progress:** \(Self.amount(progress.counted)) of the \(Self.amount(progress.target)) "
                    + "\(report.currency.code) target counted: **\(progress.ratio.percentText)**\n"
            }
            if let disbursed = ReportText.disbursedAgainstTarget(report) {
                out += "\n**Disbursed:** \(disbursed)\n"
            }
        case .trend:
            out += Self.table(
                header: ["Taken at", "As of", "Trigger", "Projects", "Total", "Counted", "Target", "Progress"],
                rightAligned: [false, false, false, true, true, true, true, true],
                rows: report.points.map { point in
                    [
                        ReportText.timestamp(point.takenAt), point.asOf.description, Self.escape(point.trigger),
                        String(point.projectCount), Self.amount(point.total), Self.amount(point.counted),
                        Self.amount(point.target), point.progress.percentText,
                    ]
                },
                footer: nil
            )
            if report.points.isEmpty { out += "\n_No snapshots yet._\n" }
        }
        return out
    }

    private static func table(header: [String], rightAligned: [Bool], rows: [[String]], footer: [String]?) -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + rightAligned.map { $0 ? " ---: " : " :--- " }.joined(separator: "|") + "|\n"
        for row in rows + (footer.map { [$0] } ?? []) {
            out += "| " + row.joined(separator: " | ") + " |\n"
        }
        return out
    }

    private static func amount(_ money: Money) -> String {
        money.formatted(grouping: true)
    }

    private static func fullShare(_ report: Report) -> String {
        report.total.value.minorUnits > 0 ? "100.00%" : "0.00%"
    }

    /// Text safe in a table cell: Markdown punctuation backslash-escaped, line breaks as spaces.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.isNewline || character == "\t" {
                out.append(" ")
            } else if "\\`*_[]<>|&#~!".contains(character) {
                out.append("\\")
                out.append(character)
            } else {
                out.append(character)
            }
        }
        return out
    }
}
