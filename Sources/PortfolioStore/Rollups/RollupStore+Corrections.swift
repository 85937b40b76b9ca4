import Foundation
import PortfolioCore

extension RollupStore {
    /// What moved between two snapshots, told apart: `corrections` are what entries recorded
    /// after the earlier snapshot was taken, back-dated (effective before the day they were
    /// recorded), changed about its date; `movement` is everything else, from that date to the
    /// later snapshot's. Their sum is the plain diff.
    public struct SplitDiff: Sendable, Equatable, Encodable {
        public let corrections: RollupDiff
        public let movement: RollupDiff

        public init(corrections: RollupDiff, movement: RollupDiff) {
            self.corrections = corrections
            self.movement = movement
        }
    }

    /// Splits the diff of snapshots `before` and `after` (by time taken, whichever order they
    /// are given in) into back-dated corrections and real movement, from one view of the history.
    public func split(_ before: Int, _ after: Int) throws -> SplitDiff {
        try connection.transaction(isolation: .repeatableRead) { c in
            let store = RollupStore(c)
            var (a, b) = (try store.snapshot(before), try store.snapshot(after))
            if a.takenAt > b.takenAt { (a, b) = (b, a) }
            // The earlier snapshot's date restated by the back-dated entries recorded since.
            let restated = try store.rebuilt(asOf: a.rollup.asOf, currency: a.rollup.currency, recordedBy: b.takenAt,
                                             backdatedOnlyAfter: a.takenAt)
            return try Self.split(a.rollup, restated, b.rollup, ids: (before, after))
        }
    }

    private static func split(_ published: Rollup, _ restated: Rollup, _ later: Rollup, ids: (Int, Int)) throws(StoreError) -> SplitDiff {
        do {
            return SplitDiff(corrections: try RollupDiff(before: published, after: restated),
                             movement: try RollupDiff(before: restated, after: later))
        } catch {
            throw StoreError.invalid("snapshots \(ids.0) and \(ids.1) cannot be compared: \(error.message)")
        }
    }
}
