import Foundation
import PortfolioCore
import PortfolioStore

/// Rollup snapshots as the CLI and the API list and compare them.
public enum RollupListing {
    /// The columns of a listing.
    public static let header = ["id", "taken_at", "as_of", "trigger", "projects", "total", "counted", "progress", "currency"]

    /// One row of text per snapshot, in `header` order.
    public static func rows(_ snapshots: [RollupStore.Snapshot]) -> [[String]] {
        let formatter = ISO8601DateFormatter()
        return snapshots.map { s in
            [String(s.id), formatter.string(from: s.takenAt), s.rollup.asOf.description, s.trigger, String(s.rollup.projectCount),
             s.rollup.total.formatted(), s.rollup.counted.formatted(), s.rollup.progressText, s.rollup.currency.code]
        }
    }

    /// What moved between two snapshots, with back-dated corrections apart, and the projects.
    public struct Difference: Encodable, Sendable {
        public let from: Int
        public let to: Int
        public let diff: RollupDiff
        public let corrections: RollupDiff
        public let movement: RollupDiff
        public let projects: [RollupStore.ProjectChange]
    }

    /// The difference between snapshots `from` and `to`, read from `store`.
    public static func difference(_ store: RollupStore, from: Int, to: Int) throws -> Difference {
        let split = try store.split(from, to)
        let projects = from < to ? try store.changes(after: from, upTo: to) : try store.changes(after: to, upTo: from)
        return Difference(from: from, to: to, diff: try store.diff(from, to), corrections: split.corrections, movement: split.movement,
                          projects: projects)
    }
}
