import Foundation
import Postgres

/// Claims up to `limit` due jobs for `owner`, by priority (lower first), run time and id, with
/// a lease of `lease`; `queues` nil means every queue. Each claim takes a new token.
public struct ClaimJobs: PostgresPreparedStatement {
    public var owner: String
    public var limit: Int
    public var lease: Duration
    public var queues: [String]?

    public init(owner: String, limit: Int, lease: Duration, queues: [String]?) {
        self.owner = owner
        self.limit = max(1, min(limit, 10_000))
        self.lease = lease
        self.queues = queues
    }

    public var query: PostgresQuery {
        // The limit is a literal so the planner sees it.
        """
        WITH next AS (
            SELECT id FROM jobs
            WHERE state = 'available' AND run_at <= now() AND (\(queues)::text[] IS NULL OR queue = ANY(\(queues)::text[]))
            ORDER BY priority, run_at, id
            LIMIT \(literal: limit)
            FOR UPDATE SKIP LOCKED
        )
        UPDATE jobs j SET state = 'running', owner = \(owner), attempt = j.attempt + 1, attempted_at = now(),
               lease_expires_at = now() + \(milliseconds: lease), claim_token = nextval('jobs_claim_token_seq')
        FROM next WHERE j.id = next.id
        RETURNING j.id, j.kind, j.queue, j.args::text AS args, j.attempt, j.max_attempts, j.unique_key, j.run_at, j.priority,
                  j.claim_token
        """
    }

    public func decode(_ row: PostgresRow) throws -> (priority: Int, job: ClaimedJob) {
        let job = ClaimedJob(
            id: try row.decode(Int.self, "id"), token: try row.decode(Int.self, "claim_token"),
            kind: try row.decode(String.self, "kind"), queue: try row.decode(String.self, "queue"),
            args: try row.decode(PostgresJSON.self, "args"), attempt: try row.decode(Int.self, "attempt"),
            maxAttempts: try row.decode(Int.self, "max_attempts"), uniqueKey: try row.decode(String?.self, "unique_key"),
            runAt: try row.decode(Date.self, "run_at"))
        return (try row.decode(Int.self, "priority"), job)
    }
}
