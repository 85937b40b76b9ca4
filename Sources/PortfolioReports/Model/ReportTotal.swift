import PortfolioCore

/// The whole portfolio in a report: its projects, value and counted value.
public struct ReportTotal: Hashable, Sendable {
    /// The number of projects.
    public let projects: Int
    /// The value of every project.
    public let value: Money
    /// The value that counts against the target.
    public let counted: Money

    /// Creates a total.
    public init(projects: Int, value: Money, counted: Money) {
        self.projects = projects
        self.value = value
        self.counted = counted
    }
}
