import Postgres

/// Deletes up to `limit` finished jobs that finished more than `retention` ago.
public struct PruneFinishedJobs: PostgresPreparedStatement {
    public var retention: Duration
    public var limit: Int

    public init(olderThan retention: Duration, limit: Int) {
        self.retention = retention
        self.limit = max(1, min(limit, 100_000))
    }

    public var query: PostgresQuery {
        """
        DELETE FROM jobs WHERE id IN (
            SELECT id FROM jobs WHERE state IN ('completed', 'discarded', 'cancelled')
            AND finished_at < now() - \(milliseconds: retention) LIMIT \(literal: limit))
        """
    }
}
