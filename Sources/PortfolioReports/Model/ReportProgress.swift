import PortfolioCore

/// The portfolio against its target: the amount in each status category and counted over target.
public struct ReportProgress: Hashable, Sendable {
    /// The target amount.
    public let target: Money
    /// Committed, ongoing and finished value.
    public let counted: Money
    /// Pledged value: the pipeline.
    public let pledged: Money
    /// Suspended value.
    public let suspended: Money
    /// Cancelled value.
    public let cancelled: Money
    /// `counted / target`.
    public let ratio: ExactRatio

    /// Creates a progress summary.
    public init(target: Money, counted: Money, pledged: Money, suspended: Money, cancelled: Money, ratio: ExactRatio) {
        self.target = target
        self.counted = counted
        self.pledged = pledged
        self.suspended = suspended
        self.cancelled = cancelled
        self.ratio = ratio
    }
}
