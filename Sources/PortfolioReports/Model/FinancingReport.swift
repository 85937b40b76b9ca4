import CSV
import PortfolioCore

/// What each lender has committed, disbursed and been repaid, on a date, in one currency:
/// the figures a loan statement carries (commitment, disbursed, undisbursed, repaid,
/// outstanding), and the disbursement ratio. Every column's total is the sum of its rows.
public struct FinancingReport: Hashable, Sendable {
    /// One lender's line (or the total line): its figures in the report's currency.
    public struct Line: Hashable, Sendable {
        public let figures: Financing
        public let currency: Currency

        public var lender: String { figures.key }
        public var projects: Int { figures.projects }
        public var committed: Money { money(figures.committed) }
        public var disbursed: Money { money(figures.disbursed) }
        public var undisbursed: Money { money(figures.undisbursed) }
        public var overDisbursed: Money { money(figures.overDisbursed) }
        public var repaid: Money { money(figures.repaid) }
        /// Disbursed and not repaid.
        public var outstanding: Money { money(figures.outstanding) }
        public var interest: Money { money(figures.interest) }

        private func money(_ minorUnits: Int128) -> Money { Money(minorUnits: minorUnits, currency: currency) }

        /// Disbursed over committed, `0.00%` without a commitment.
        public var disbursementRatio: String { figures.disbursementRatio.percentText }
    }

    public let asOf: LocalDate
    public let currency: Currency
    public let lines: [Line]
    /// The sum of every column (projects counts project–lender pairs).
    public let total: Line

    public init(asOf: LocalDate, currency: Currency, lenders: [Financing]) {
        self.asOf = asOf
        self.currency = currency
        lines = lenders.map { Line(figures: $0, currency: currency) }
        total = Line(figures: Financing.total(lenders, key: "Total"), currency: currency)
    }

    /// The column names, in snake_case as every CSV and JSON key.
    public static let header = [
        "lender", "projects", "committed", "disbursed", "undisbursed", "over_disbursed", "repaid", "outstanding", "interest",
        "disbursed_ratio",
    ]

    /// Every line and then the total, as text cells in `header`'s order (amounts without grouping).
    public var cells: [[String]] {
        (lines + [total]).map { line in
            [line.lender, String(line.projects), line.committed.formatted(), line.disbursed.formatted(), line.undisbursed.formatted(),
             line.overDisbursed.formatted(), line.repaid.formatted(), line.outstanding.formatted(), line.interest.formatted(),
             line.disbursementRatio]
        }
    }

    /// CSV: the header, every line and the total; a lender's name a spreadsheet would read as a
    /// formula gets a leading `'`, as in every report's CSV.
    public func csv() -> String {
        var writer = CSVWriter()
        writer.write(Self.header)
        for row in cells {
            writer.write([CSVRenderer.text(row[0])] + row.dropFirst())
        }
        return writer.output
    }

    /// A plain-text table with grouped amounts.
    public func table() -> String {
        var table = TextTable([.init("LENDER", maxWidth: 40), .init("PROJECTS", .right), .init("COMMITTED", .right),
                               .init("DISBURSED", .right), .init("UNDISBURSED", .right), .init("OVER", .right), .init("REPAID", .right),
                               .init("OUTSTANDING", .right), .init("INTEREST", .right), .init("DISBURSED %", .right)])
        for line in lines + [total] {
            table.append([line.lender, String(line.projects), line.committed.formatted(grouping: true),
                          line.disbursed.formatted(grouping: true), line.undisbursed.formatted(grouping: true),
                          line.overDisbursed.formatted(grouping: true), line.repaid.formatted(grouping: true),
                          line.outstanding.formatted(grouping: true), line.interest.formatted(grouping: true), line.disbursementRatio])
        }
        return "Financing by lender (as of \(asOf), \(currency.code))\n\n" + table.render()
    }

    /// A Markdown table.
    public func markdown() -> String {
        var text = "## Financing by lender (as of \(asOf), \(currency.code))\n\n"
        text += "| " + Self.header.joined(separator: " | ") + " |\n"
        text += "|" + Self.header.map { $0 == "lender" ? " --- |" : " ---: |" }.joined() + "\n"
        for row in cells {
            text += "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return text
    }
}
