import Postgres
import PortfolioJobs
import PortfolioStore

/// Deletes status changes already folded into a rollup snapshot once they are older than the
/// retention (the leader, once a minute, beside the queue's own pruning).
public struct RollupDeltaPruning: MaintenanceTask {
    public let name = "prune rollup deltas"
    public let leaderOnly = true
    public let interval = Duration.seconds(60)
    public let retention: Duration

    public init(retention: Duration) {
        self.retention = retention
    }

    public func run(_ connection: Connection) throws {
        try RollupStore(connection).pruneDeltas(olderThan: retention)
    }
}
