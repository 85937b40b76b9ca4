import Foundation
import Postgres

/// Records a failed attempt, fenced by its claim: the job is discarded when out of attempts
/// (or `permanent`), absorbed (cancelled) when a waiting job has its kind and key, else put
/// back to run after `delay` and no earlier than `notBefore`. A snooze does not use up an
/// attempt. Returns the state it left in, or no row when the claim no longer holds it.
public struct FailJob: PostgresPreparedStatement {
    public var claim: JobClaim
    public var owner: String
    public var error: String
    public var delay: Duration
    public var permanent: Bool
    public var snooze: Bool
    public var notBefore: Date?

    public init(
        _ claim: JobClaim, owner: String, error: String, delay: Duration, permanent: Bool, snooze: Bool, notBefore: Date?
    ) {
        self.claim = claim
        self.owner = owner
        self.error = String(error.prefix(2000))
        self.delay = delay
        self.permanent = permanent
        self.snooze = snooze
        self.notBefore = notBefore
    }

    public var query: PostgresQuery {
        """
        WITH target AS MATERIALIZED (
            SELECT j.id, j.unique_key IS NOT NULL AS keyed, j.attempt,
                   CASE WHEN \(permanent)::boolean OR (j.attempt >= j.max_attempts AND NOT \(snooze)::boolean) THEN 'discarded'
                        WHEN \(JobRules.waitingTwin) THEN 'cancelled'
                        ELSE 'available' END AS next_state
            FROM jobs j WHERE \(JobRules.heldBy([claim], owner: owner))
            FOR UPDATE
        )
        SELECT jobs_leave_running(t.id, t.keyed, t.next_state,
                   greatest(now() + \(milliseconds: delay), \(notBefore)::timestamptz),
                   CASE WHEN \(snooze)::boolean THEN greatest(t.attempt - 1, 0) ELSE t.attempt END, \(error), NULL) AS state
        FROM target t
        """
    }

    public func decode(_ row: PostgresRow) throws -> JobState? { try row.decode(JobState?.self, "state") }
}
