import CSV
import PortfolioCore

/// Disbursements and repayments per month or quarter and per sector or lender, ready to render:
/// each point's amounts, its net flow and its key's cumulative figures, then a total line
/// whose disbursed and repaid columns are the sums of the points shown.
public struct DisbursementReport: Hashable, Sendable {
    public let asOf: LocalDate
    public let currency: Currency
    /// `sector` or `lender`.
    public let keyName: String
    public let series: DisbursementSeries

    public init(asOf: LocalDate, currency: Currency, keyName: String, series: DisbursementSeries) {
        self.asOf = asOf
        self.currency = currency
        self.keyName = keyName
        self.series = series
    }

    /// `Disbursements by quarter and sector (as of 2026-11-29, USD)`.
    public var title: String {
        "Disbursements by \(series.period.rawValue) and \(keyName) (as of \(asOf), \(currency.code))"
    }

    /// The column names, in snake_case as every CSV and JSON key.
    public var header: [String] {
        ["period", "start", keyName, "disbursed", "repaid", "net", "cumulative_disbursed", "cumulative_repaid"]
    }

    /// The shown points' disbursed and repaid sums.
    public var totals: (disbursed: Money, repaid: Money) {
        let disbursed = series.points.reduce(Int128(0)) { $0 + $1.disbursed }
        let repaid = series.points.reduce(Int128(0)) { $0 + $1.repaid }
        return (money(disbursed), money(repaid))
    }

    func money(_ minorUnits: Int128) -> Money { Money(minorUnits: minorUnits, currency: currency) }

    /// Each point as text cells in `header`'s order, amounts exact (grouped when asked).
    func cells(grouping: Bool) -> [[String]] {
        series.points.map { point in
            [series.period.label(point.start), point.start.description, point.key]
                + [point.disbursed, point.repaid, point.disbursed - point.repaid, point.cumulativeDisbursed, point.cumulativeRepaid]
                .map { money($0).formatted(grouping: grouping) }
        }
    }

    private var totalCells: [String] {
        let (disbursed, repaid) = totals
        return [disbursed, repaid, money(disbursed.minorUnits - repaid.minorUnits)].map { $0.formatted(grouping: true) }
    }

    /// The report in `format`.
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .table: table()
        case .csv: csv()
        case .json: json()
        case .markdown: markdown()
        case .html: HTMLRenderer().render(self)
        }
    }

    /// An aligned table under the title.
    public func table() -> String {
        var table = TextTable([.init("PERIOD"), .init(keyName.uppercased(), maxWidth: 40), .init("DISBURSED", .right),
                               .init("REPAID", .right), .init("NET", .right), .init("CUMULATIVE DISBURSED", .right),
                               .init("CUMULATIVE REPAID", .right)])
        for row in cells(grouping: true) { table.append([row[0]] + row[2...]) }
        table.footer = [["total", ""] + totalCells + ["", ""]]
        let body = series.points.isEmpty ? table.render() + "(no disbursements or repayments)\n" : table.render()
        return title + "\n\n" + body
    }

    /// CSV with a header, one record per point and no total (each column sums to it).
    public func csv() -> String {
        var writer = CSVWriter()
        writer.write(header)
        for row in cells(grouping: false) {
            writer.write(row.enumerated().map { $0.offset == 2 ? CSVRenderer.text($0.element) : $0.element })
        }
        return writer.output
    }

    /// JSON: `report`, `as_of`, `currency`, `period`, `by`, `rows` and `total`, money as decimal strings.
    public func json() -> String {
        let rows = cells(grouping: false).map { row in
            JSONText.object(Dictionary(uniqueKeysWithValues: zip(header, row.map(JSONText.string))))
        }
        let (disbursed, repaid) = totals
        return JSONText.object([
            "report": .string("disbursements"), "as_of": .string(asOf.description), "currency": .string(currency.code),
            "period": .string(series.period.rawValue), "by": .string(keyName), "rows": .array(rows),
            "total": .object(["disbursed": .string(disbursed.formatted()), "repaid": .string(repaid.formatted()),
                              "net": .string(money(disbursed.minorUnits - repaid.minorUnits).formatted())]),
        ]).pretty
    }

    /// A `##` heading and a table.
    public func markdown() -> String {
        let titles = ["Period", keyName.prefix(1).uppercased() + keyName.dropFirst(), "Disbursed", "Repaid", "Net",
                      "Cumulative disbursed", "Cumulative repaid"]
        var out = "## \(MarkdownRenderer.escape(title))\n\n| " + titles.joined(separator: " | ") + " |\n"
        out += "| :--- | :--- |" + String(repeating: " ---: |", count: 5) + "\n"
        for row in cells(grouping: true) {
            out += "| " + ([row[0], MarkdownRenderer.escape(row[2])] + row[3...]).joined(separator: " | ") + " |\n"
        }
        out += "| **Total** | | " + totalCells.map { "**\($0)**" }.joined(separator: " | ") + " | | |\n"
        return out
    }
}
