import Foundation
import PortfolioCore

/// One rollup snapshot in a trend: when it was taken, its date, why, and its totals against the target.
public struct TrendPoint: Hashable, Sendable {
    /// When the snapshot was taken.
    public let takenAt: Date
    /// The date the snapshot describes.
    public let asOf: LocalDate
    /// What caused it, such as `periodic`, `manual` or `change`.
    public let trigger: String
    /// The value of every project.
    public let total: Money
    /// The value that counts against the target.
    public let counted: Money
    /// The target, greater than zero.
    public let target: Money
    /// The number of projects.
    public let projectCount: Int
    /// `counted / target`.
    public let progress: ExactRatio

    /// Creates a point; refuses amounts in different currencies, a target not above zero,
    /// a negative project count, and a counted amount outside 0...total.
    public init(
        takenAt: Date, asOf: LocalDate, trigger: String,
        total: Money, counted: Money, target: Money, projectCount: Int
    ) throws(DomainError) {
        if counted.currency != total.currency || target.currency != total.currency {
            throw DomainError("snapshot of \(asOf): total, counted and target must be in one currency")
        }
        if target.minorUnits <= 0 {
            throw DomainError("snapshot of \(asOf): target \(target) must be greater than zero", field: "target")
        }
        if projectCount < 0 {
            throw DomainError("snapshot of \(asOf): \(projectCount) projects is not a count")
        }
        if counted.isNegative || counted.minorUnits > total.minorUnits {
            throw DomainError("snapshot of \(asOf): counted \(counted) must be within 0 and the total \(total)")
        }
        self.takenAt = takenAt
        self.asOf = asOf
        self.trigger = trigger
        self.total = total
        self.counted = counted
        self.target = target
        self.projectCount = projectCount
        self.progress = try ExactRatio(counted.minorUnits, over: target.minorUnits)
    }
}
