import Postgres

/// Returns up to `limit` running jobs whose lease expired to the queue, or discards those out
/// of attempts; of two with one kind and key the first goes back and the second is absorbed.
/// One whose key a still-open transaction is enqueuing waits for it at most `patience`, then
/// is left for the next pass. Returns the ids moved.
public struct RescueExpiredJobs: PostgresPreparedStatement {
    public var limit: Int
    public var patience: Duration

    public init(limit: Int, patience: Duration) {
        self.limit = max(1, min(limit, 10_000))
        self.patience = patience
    }

    public var query: PostgresQuery {
        """
        WITH expired AS MATERIALIZED (
            SELECT j.id, j.kind, j.unique_key, j.attempt, j.owner, j.attempt >= j.max_attempts AS spent,
                   \(JobRules.waitingTwin) AS waiting
            FROM jobs j WHERE j.state = 'running' AND j.lease_expires_at < now()
            ORDER BY j.lease_expires_at
            LIMIT \(literal: limit)
            FOR UPDATE SKIP LOCKED
        ), moved AS (
            SELECT e.id, jobs_leave_running(e.id, e.unique_key IS NOT NULL,
                       CASE WHEN e.spent THEN 'discarded'
                            WHEN e.waiting THEN 'cancelled'
                            WHEN e.unique_key IS NOT NULL AND EXISTS (
                                 SELECT 1 FROM expired o WHERE o.kind = e.kind AND o.unique_key = e.unique_key
                                 AND o.id < e.id AND NOT o.spent) THEN 'cancelled'
                            ELSE 'available' END,
                       now(), e.attempt, 'lease expired while owned by ' || e.owner, \(milliseconds: patience)) AS state
            FROM expired e
        )
        SELECT id FROM moved WHERE state IS NOT NULL
        """
    }

    public func decode(_ row: PostgresRow) throws -> Int { try row.decode(Int.self, "id") }
}
