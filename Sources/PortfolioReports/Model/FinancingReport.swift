import PortfolioCore

/// What each lender has committed, disbursed and been repaid, on a date, in one currency:
/// the figures a loan statement carries (commitment, disbursed, undisbursed, repaid,
/// outstanding), and the disbursement ratio. Every column's total is the sum of its rows.
public struct FinancingReport: Hashable, Sendable {
    /// One lender's line (or the total line).
    public struct Line: Hashable, Sendable {
        public let lender: String
        public let projects: Int
        /// Its part of the projects' values, raised by commitments and lowered by cancellations.
        public let committed: Money
        public let disbursed: Money
        /// Commitment not yet disbursed, per project (never below zero).
        public let undisbursed: Money
        /// Disbursed above the commitment (forced), per project.
        public let overDisbursed: Money
        public let repaid: Money
        /// Disbursed and not repaid.
        public let outstanding: Money
        public let interest: Money

        public init(lender: String, projects: Int, committed: Money, disbursed: Money, undisbursed: Money,
                    overDisbursed: Money, repaid: Money, interest: Money) {
            self.lender = lender
            self.projects = projects
            self.committed = committed
            self.disbursed = disbursed
            self.undisbursed = undisbursed
            self.overDisbursed = overDisbursed
            self.repaid = repaid
            self.outstanding = Money(minorUnits: disbursed.minorUnits - repaid.minorUnits, currency: disbursed.currency)
            self.interest = interest
        }

        /// Disbursed over committed, `0.00%` without a commitment.
        public var disbursementRatio: String {
            guard committed.minorUnits > 0, let ratio = try? ExactRatio(disbursed.minorUnits, over: committed.minorUnits) else {
                return "0.00%"
            }
            return ratio.percentText
        }
    }

    public let asOf: LocalDate
    public let currency: Currency
    public let lines: [Line]
    /// The sum of every column (projects counts project–lender pairs).
    public let total: Line

    public init(asOf: LocalDate, currency: Currency, lines: [Line]) {
        self.asOf = asOf
        self.currency = currency
        self.lines = lines
        func sum(_ amount: KeyPath<Line, Money>) -> Money {
            Money(minorUnits: lines.reduce(Int128(0)) { $0 + $1[keyPath: amount].minorUnits }, currency: currency)
        }
        total = Line(lender: "Total", projects: lines.reduce(0) { $0 + $1.projects }, committed: sum(\.committed),
                     disbursed: sum(\.disbursed), undisbursed: sum(\.undisbursed), overDisbursed: sum(\.overDisbursed),
                     repaid: sum(\.repaid), interest: sum(\.interest))
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
