import CSV
import PortfolioCore

/// Writes a report as CSV for spreadsheets: a header, one record per row and a final `total` record.
///
/// Amounts are plain exact decimals (`2150000000.00`), shares decimals with six places. Text
/// cells that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`) get a
/// leading `'`. Progress adds the target and each row's value over the target; a trend lists its
/// snapshots with no total. With the ledger's columns, each row ends with its committed,
/// disbursed, undisbursed, repaid and outstanding amounts and its disbursed ratio.
public struct CSVRenderer: ReportRenderer {
    /// Decimal places of shares and progress.
    public static let places = 6

    /// Creates a renderer.
    public init() {}

    /// The CSV text, each record ending in `\n`.
    public func render(_ report: Report) -> String {
        var writer = CSVWriter()
        let ledger = report.financing
        let ledgerHeader = ledger == nil ? [] : ReportFinancing.header
        func ledgerCells(_ line: (ReportFinancing) -> Financing) -> [String] {
            guard let ledger else { return [] }
            let figures = line(ledger)
            return ledger.amounts(figures).map { $0.formatted() } + [DecimalText.fixed(figures.disbursementRatio, places: Self.places)]
        }
        switch report.kind {
        case .sectors, .statuses, .lenders:
            writer.write([report.kind.keyName, "projects", "value", "counted", "share"] + ledgerHeader)
            for row in report.rows {
                writer.write([
                    Self.text(row.key), String(row.projects), row.value.formatted(), row.counted.formatted(),
                    DecimalText.fixed(row.share, places: Self.places),
                ] + ledgerCells { $0.line(row.key) })
            }
            writer.write([
                "total", String(report.total.projects), report.total.value.formatted(),
                report.total.counted.formatted(), totalShare(report),
            ] + ledgerCells(\.total))
        case .progress:
            let target = report.progress?.target
            writer.write([report.kind.keyName, "projects", "value", "share", "target", "of_target"] + ledgerHeader)
            for row in report.rows {
                writer.write([
                    Self.text(row.key), String(row.projects), row.value.formatted(),
                    DecimalText.fixed(row.share, places: Self.places),
                    target?.formatted() ?? "", ofTarget(row.value, target),
                ] + ledgerCells { $0.line(row.key) })
            }
            writer.write([
                "total", String(report.total.projects), report.total.value.formatted(), totalShare(report),
                target?.formatted() ?? "", ofTarget(report.total.value, target),
            ] + ledgerCells(\.total))
        case .trend:
            writer.write(["taken_at", "as_of", "trigger", "projects", "total", "counted", "target", "progress"])
            for point in report.points {
                writer.write([
                    ReportText.timestamp(point.takenAt), point.asOf.description, Self.text(point.trigger),
                    String(point.projectCount), point.total.formatted(), point.counted.formatted(),
                    point.target.formatted(), DecimalText.fixed(point.progress, places: Self.places),
                ])
            }
        }
        return writer.output
    }

    private func totalShare(_ report: Report) -> String {
        DecimalText.whole(report.total.value.minorUnits > 0 ? 1 : 0, places: Self.places)
    }

    private func ofTarget(_ amount: Money, _ target: Money?) -> String {
        guard let target, let ratio = try? ExactRatio(amount.minorUnits, over: target.minorUnits) else { return "" }
        return DecimalText.fixed(ratio, places: Self.places)
    }

    /// A text cell, with a leading `'` when a spreadsheet would read it as a formula.
    static func text(_ cell: String) -> String {
        guard let first = cell.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        return "'" + cell
    }
}
