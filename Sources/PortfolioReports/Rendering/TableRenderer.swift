import PortfolioCore

/// Writes a report as an aligned plain-text table under a title line, for terminals.
///
/// Amounts are grouped with the currency code and right-aligned; shares are percentages with
/// two decimals; a rule separates the total. Progress ends with a text bar against the target.
public struct TableRenderer: ReportRenderer {
    /// Creates a renderer.
    public init() {}

    /// The title, a blank line and the table.
    public func render(_ report: Report) -> String {
        var out = ReportText.heading(report) + "\n\n"
        switch report.kind {
        case .trend:
            out += trendTable(report)
        case .progress:
            out += breakdownTable(report, showCounted: false)
            if let progress = report.progress {
                let amounts = [progress.target.description, progress.counted.description]
                let width = amounts.map(\.count).max() ?? 0
                let padded = amounts.map { String(repeating: " ", count: width - $0.count) + $0 }
                out += "\ntarget    \(padded[0])\n"
                out += "counted   \(padded[1])\n"
                out += "progress  \(ReportText.bar(progress.ratio)) \(progress.ratio.percentText)\n"
                if let disbursed = ReportText.disbursedAgainstTarget(report) {
                    out += "disbursed \(disbursed)\n"
                }
            }
        case .sectors, .statuses, .lenders:
            out += breakdownTable(report, showCounted: true)
        }
        return out
    }

    private func breakdownTable(_ report: Report, showCounted: Bool) -> String {
        var columns: [TextTable.Column] = [.init(report.kind.keyName.uppercased()), .init("PROJECTS", .right), .init("VALUE", .right)]
        if showCounted { columns.append(.init("COUNTED", .right)) }
        columns.append(.init("SHARE", .right))
        let ledger = report.financing
        if ledger != nil {
            columns += ["COMMITTED", "DISBURSED", "UNDISBURSED", "REPAID", "OUTSTANDING", "DISBURSED %"].map { .init($0, .right) }
        }
        func ledgerCells(_ line: (ReportFinancing) -> Financing) -> [String] {
            guard let ledger else { return [] }
            let figures = line(ledger)
            return ledger.amounts(figures).map { $0.formatted(grouping: true) } + [figures.disbursementRatio.percentText]
        }
        var table = TextTable(columns)
        for row in report.rows {
            var cells = [row.key, String(row.projects), row.value.description]
            if showCounted { cells.append(row.counted.description) }
            cells.append(row.share.percentText)
            table.append(cells + ledgerCells { $0.line(row.key) })
        }
        var footer = ["total", String(report.total.projects), report.total.value.description]
        if showCounted { footer.append(report.total.counted.description) }
        footer.append(report.total.value.minorUnits > 0 ? "100.00%" : "0.00%")
        table.footer = [footer + ledgerCells(\.total)]
        return table.render()
    }

    private func trendTable(_ report: Report) -> String {
        var table = TextTable([
            .init("TAKEN AT"), .init("AS OF"), .init("TRIGGER"), .init("PROJECTS", .right),
            .init("TOTAL", .right), .init("COUNTED", .right), .init("TARGET", .right), .init("PROGRESS", .right),
        ])
        for point in report.points {
            table.append([
                ReportText.timestamp(point.takenAt), point.asOf.description, point.trigger, String(point.projectCount),
                point.total.description, point.counted.description, point.target.description, point.progress.percentText,
            ])
        }
        if report.points.isEmpty {
            return table.render() + "(no snapshots)\n"
        }
        return table.render()
    }
}
