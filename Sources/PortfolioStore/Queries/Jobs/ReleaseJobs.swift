import Postgres

/// Returns claimed jobs that were not started to the queue, attempt undone, where `owner`
/// still runs them under these claims; one absorbed by a waiting job of its kind and key is
/// cancelled. One row per job released.
public struct ReleaseJobs: PostgresPreparedStatement {
    public var claims: [JobClaim]
    public var owner: String

    public init(_ claims: [JobClaim], owner: String) {
        self.claims = claims
        self.owner = owner
    }

    public var query: PostgresQuery {
        """
        WITH target AS MATERIALIZED (
            SELECT j.id, j.unique_key IS NOT NULL AS keyed, j.attempt,
                   CASE WHEN \(JobRules.waitingTwin) THEN 'cancelled' ELSE 'available' END AS next_state
            FROM jobs j WHERE \(JobRules.heldBy(claims, owner: owner))
            ORDER BY j.id
            FOR UPDATE
        )
        SELECT jobs_leave_running(t.id, t.keyed, t.next_state, NULL, greatest(t.attempt - 1, 0), NULL, NULL) FROM target t
        """
    }
}
