import PortfolioCore

/// One line of a breakdown report: a sector, status, lender or status category.
public struct ReportRow: Hashable, Sendable {
    /// The sector code, status name, lender name or category name.
    public let key: String
    /// The projects in the line; for a lender, the projects it finances.
    public let projects: Int
    /// The value of the line in the report's currency.
    public let value: Money
    /// The part of `value` that counts against the target.
    public let counted: Money
    /// `value` over the report's total value; zero when the total is zero.
    public let share: ExactRatio

    /// Creates a row.
    public init(key: String, projects: Int, value: Money, counted: Money, share: ExactRatio) {
        self.key = key
        self.projects = projects
        self.value = value
        self.counted = counted
        self.share = share
    }
}
