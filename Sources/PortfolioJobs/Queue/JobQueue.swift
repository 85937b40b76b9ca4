import Foundation
import Postgres
import PortfolioStore

/// The job queue's SQL: claim, finish, fail, release, heartbeat, rescue, prune, and the
/// administrator's list, stats, retry and cancel.
///
/// Every state change of a running job is fenced by its claim: only the attempt that claimed
/// a job (its owner and its claim's token), while the job is still running under that claim,
/// can complete, fail, release or extend it. A second claim of the same job, even by the same
/// worker, has a token of its own.
///
/// A job leaving `running` becomes `available` again only when no job of its kind and unique
/// key waits; otherwise it is `cancelled` (superseded by the waiting one). A job of that key
/// enqueued by a transaction the statement cannot see yet makes it wait for that transaction
/// and then supersede (`jobs_leave_running`, migration 10): it never fails on the unique index.
public struct JobQueue: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Milliseconds as an SQL interval expression factor.
    static func millis(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    /// Claims up to `limit` due jobs, by priority (lower first), run time and id, for `owner`
    /// with a lease of `lease`. `queues` nil means every queue. Each claim takes a new token.
    public func claim(owner: String, limit: Int, lease: Duration, queues: [String]? = nil) throws -> [ClaimedJob] {
        // The limit is a literal (an integer, never user text) so the planner sees it.
        let limit = max(1, min(limit, 10_000))
        let sql = """
            WITH next AS (
                SELECT id FROM jobs
                WHERE state = 'available' AND run_at <= now() AND ($3::text[] IS NULL OR queue = ANY($3::text[]))
                ORDER BY priority, run_at, id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            )
            UPDATE jobs j SET state = 'running', owner = $1, attempt = j.attempt + 1, attempted_at = now(),
                   lease_expires_at = now() + $2 * interval '1 millisecond', claim_token = nextval('jobs_claim_token_seq')
            FROM next WHERE j.id = next.id
            RETURNING j.id, j.kind, j.queue, j.args::text, j.attempt, j.max_attempts, j.unique_key, j.run_at, j.priority, j.claim_token
            """
        let rows = try connection.query(sql, [PostgresBind(owner), PostgresBind(JobQueue.millis(lease)), PostgresBind(queues)])
        var jobs: [(priority: Int, job: ClaimedJob)] = []
        jobs.reserveCapacity(rows.count)
        for row in rows {
            let job = ClaimedJob(
                id: try row.decode(Int.self, at: 0), token: try row.decode(Int.self, at: 9), kind: try row.decode(String.self, at: 1),
                queue: try row.decode(String.self, at: 2), args: try row.decode(PostgresJSON.self, at: 3),
                attempt: try row.decode(Int.self, at: 4), maxAttempts: try row.decode(Int.self, at: 5),
                uniqueKey: try row.decode(String?.self, at: 6), runAt: try row.decode(Date.self, at: 7))
            jobs.append((try row.decode(Int.self, at: 8), job))
        }
        jobs.sort { ($0.priority, $0.job.runAt, $0.job.id) < ($1.priority, $1.job.runAt, $1.job.id) }
        return jobs.map(\.job)
    }

    /// Marks jobs completed if `owner` still holds them under these claims; returns how many it
    /// did. A completed job has no `last_error`: the errors of earlier attempts no longer
    /// describe it.
    @discardableResult
    public func complete(_ claims: [JobClaim], owner: String) throws -> Int {
        guard !claims.isEmpty else { return 0 }
        let (ids, tokens) = claims.idsAndTokens
        return try connection.query(
            """
            UPDATE jobs SET state = 'completed', finished_at = now(), owner = NULL, lease_expires_at = NULL, last_error = NULL
            WHERE id = ANY($1::bigint[]) AND claim_token = ANY($2::bigint[]) AND owner = $3 AND state = 'running'
            """, ids, tokens, owner).affectedRows
    }

    /// Completes one job inside the caller's transaction, after its effect.
    ///
    /// - Throws: `JobError.leaseLost` when this claim no longer holds it, so the caller's
    ///   transaction (and the effect) rolls back.
    public func completeFenced(_ claim: JobClaim, owner: String) throws {
        if try complete([claim], owner: owner) != 1 { throw JobError.leaseLost(claim.id) }
    }

    /// What became of a failed job.
    public enum FailOutcome: String, Sendable {
        case retrying = "available"
        case discarded
        case superseded = "cancelled"
        case notOwned
    }

    /// Records a failure: retry after `delay`, or discard when out of attempts or `permanent`.
    /// A snooze (`snooze` true) puts the job back without using up an attempt. A job put back
    /// runs no earlier than `notBefore`, when given. A job put back while another of its kind
    /// and key waits is superseded (cancelled) instead.
    @discardableResult
    public func fail(
        _ claim: JobClaim, owner: String, error: String, delay: Duration, permanent: Bool = false, snooze: Bool = false,
        notBefore: Date? = nil
    ) throws -> FailOutcome {
        let rows = try connection.query(
            """
            WITH target AS MATERIALIZED (
                SELECT j.id, j.unique_key IS NOT NULL AS keyed, j.attempt, \(JobQueue.nextStateSQL) AS next_state
                FROM jobs j WHERE j.id = $1 AND j.claim_token = $8 AND j.owner = $2 AND j.state = 'running'
                FOR UPDATE
            )
            SELECT jobs_leave_running(t.id, t.keyed, t.next_state,
                       greatest(now() + $5 * interval '1 millisecond', $7::timestamptz),
                       CASE WHEN $6::boolean THEN greatest(t.attempt - 1, 0) ELSE t.attempt END, $3, NULL)
            FROM target t
            """,
            [PostgresBind(claim.id), PostgresBind(owner), PostgresBind(String(error.prefix(2000))), PostgresBind(permanent),
             PostgresBind(JobQueue.millis(delay)), PostgresBind(snooze), PostgresBind(notBefore), PostgresBind(claim.token)])
        guard let state = try rows.first?.decode(String?.self, at: 0) else { return .notOwned }
        return FailOutcome(rawValue: state) ?? .notOwned
    }

    /// The next state of a failed job (`$4` permanent, `$6` a snooze): discarded when out of
    /// attempts (or permanent), cancelled when a waiting job with the same key absorbs it, else
    /// available. `jobs_leave_running` supersedes it too when such a job commits meanwhile.
    static let nextStateSQL = """
        CASE WHEN $4::boolean OR (j.attempt >= j.max_attempts AND NOT $6::boolean) THEN 'discarded'
             WHEN \(waitingSQL) THEN 'cancelled'
             ELSE 'available' END
        """

    /// Whether another job of `j`'s kind and key waits, as the statement's snapshot sees it.
    static let waitingSQL = """
        j.unique_key IS NOT NULL AND EXISTS (
            SELECT 1 FROM jobs o WHERE o.kind = j.kind AND o.unique_key = j.unique_key AND o.state = 'available' AND o.id <> j.id)
        """

    /// Returns claimed jobs that were not started (on shutdown) to the queue, attempt undone;
    /// returns how many. One superseded by a waiting job of its kind and key is cancelled.
    @discardableResult
    public func release(_ claims: [JobClaim], owner: String) throws -> Int {
        guard !claims.isEmpty else { return 0 }
        let (ids, tokens) = claims.idsAndTokens
        return try connection.query(
            """
            WITH target AS MATERIALIZED (
                SELECT j.id, j.unique_key IS NOT NULL AS keyed, j.attempt,
                       CASE WHEN \(JobQueue.waitingSQL) THEN 'cancelled' ELSE 'available' END AS next_state
                FROM jobs j WHERE j.id = ANY($1::bigint[]) AND j.claim_token = ANY($2::bigint[]) AND j.owner = $3 AND j.state = 'running'
                ORDER BY j.id
                FOR UPDATE
            )
            SELECT jobs_leave_running(t.id, t.keyed, t.next_state, NULL, greatest(t.attempt - 1, 0), NULL, NULL) FROM target t
            """, ids, tokens, owner).count
    }

    /// Extends the leases of the claims `owner` still runs; returns how many.
    ///
    /// A worker names the claims its lanes hold, so a batch it gave up (its connection broke
    /// mid-way) is not kept alive: those leases run out and the rescuer returns the jobs.
    @discardableResult
    public func heartbeat(_ claims: [JobClaim], owner: String, lease: Duration) throws -> Int {
        guard !claims.isEmpty else { return 0 }
        let (ids, tokens) = claims.idsAndTokens
        return try connection.query(
            """
            UPDATE jobs SET lease_expires_at = now() + $2 * interval '1 millisecond'
            WHERE owner = $1 AND state = 'running' AND id = ANY($3::bigint[]) AND claim_token = ANY($4::bigint[])
            """, owner, JobQueue.millis(lease), ids, tokens).affectedRows
    }

    /// Returns running jobs whose lease expired to the queue (or discards them when out of
    /// attempts), re-checking each row's state under its lock first. Returns their ids.
    ///
    /// Of two expired jobs with one kind and key, the first goes back and the second is
    /// superseded. One whose key a job being enqueued by a transaction still open would take
    /// waits for that transaction at most `patience`, then is left for the next pass: a rescue
    /// holds many rows, and that transaction may be waiting for one of them.
    @discardableResult
    public func rescue(limit: Int = 1000, patience: Duration = .milliseconds(100)) throws -> [Int] {
        let limit = max(1, min(limit, 10_000))
        return try connection.query(
            """
            WITH expired AS MATERIALIZED (
                SELECT j.id, j.kind, j.unique_key, j.attempt, j.owner, j.attempt >= j.max_attempts AS spent, \(JobQueue.waitingSQL) AS waiting
                FROM jobs j WHERE j.state = 'running' AND j.lease_expires_at < now()
                ORDER BY j.lease_expires_at
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            ), moved AS (
                SELECT e.id, jobs_leave_running(e.id, e.unique_key IS NOT NULL,
                           CASE WHEN e.spent THEN 'discarded'
                                WHEN e.waiting THEN 'cancelled'
                                WHEN e.unique_key IS NOT NULL AND EXISTS (
                                     SELECT 1 FROM expired o WHERE o.kind = e.kind AND o.unique_key = e.unique_key
                                     AND o.id < e.id AND NOT o.spent) THEN 'cancelled'
                                ELSE 'available' END,
                           now(), e.attempt, 'lease expired while owned by ' || e.owner, $1 * interval '1 millisecond') AS state
                FROM expired e
            )
            SELECT id FROM moved WHERE state IS NOT NULL
            """, JobQueue.millis(patience)).map { try $0.decode(Int.self, at: 0) }
    }

    /// Deletes finished jobs older than `retention`, at most `limit`; returns how many.
    @discardableResult
    public func prune(olderThan retention: Duration, limit: Int = 10_000) throws -> Int {
        let limit = max(1, min(limit, 100_000))
        return try connection.query(
            """
            DELETE FROM jobs WHERE id IN (
                SELECT id FROM jobs WHERE state IN ('completed', 'discarded', 'cancelled')
                AND finished_at < now() - $1 * interval '1 millisecond' LIMIT \(limit))
            """, JobQueue.millis(retention)).affectedRows
    }

    /// Cancels a waiting or running job. A running job's worker then fails its fenced
    /// completion, so its effect does not happen.
    public func cancel(_ id: Int, actor: String) throws -> Bool {
        try connection.query(
            """
            UPDATE jobs SET state = 'cancelled', finished_at = now(), owner = NULL, lease_expires_at = NULL,
                   last_error = coalesce(last_error || '; ', '') || 'cancelled by ' || $2
            WHERE id = $1 AND state IN ('available', 'running')
            """, id, actor).affectedRows == 1
    }

    /// Puts a finished (discarded, cancelled or completed) job back in the queue, with its
    /// attempts and `last_error` cleared, and returns when it will run; nil when there is no
    /// such finished job.
    ///
    /// A job keeps its run time when that is still to come (a scheduled job cancelled before
    /// its time runs at that time, not now); otherwise it runs now.
    public func retry(_ id: Int) throws -> Date? {
        do {
            return try connection.query(
                """
                UPDATE jobs SET state = 'available', run_at = greatest(run_at, now()), attempt = 0, finished_at = NULL,
                       last_error = NULL
                WHERE id = $1 AND state IN ('discarded', 'cancelled', 'completed')
                RETURNING run_at
                """, id).first?.decode(Date.self, at: 0)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw StoreError.duplicate("job \(id) cannot be retried: a job with the same key is already waiting")
        }
    }

    /// The state of one job, or nil.
    public func state(of id: Int) throws -> JobState? {
        try connection.query("SELECT state FROM jobs WHERE id = $1", id).first?.decode(JobState.self, at: 0)
    }

    /// Jobs, newest first, optionally by state and kind.
    public func list(state: JobState? = nil, kind: String? = nil, limit: Int = 100) throws -> [JobRow] {
        let limit = max(1, min(limit, 100_000))
        return try connection.query(
            """
            SELECT id, kind, queue, state, priority, attempt, max_attempts, run_at, unique_key, owner, last_error, args::text
            FROM jobs WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR kind = $2)
            ORDER BY id DESC LIMIT \(limit)
            """, state, kind
        ).map { row in
            JobRow(id: try row.decode(Int.self, at: 0), kind: try row.decode(String.self, at: 1),
                   queue: try row.decode(String.self, at: 2), state: try row.decode(JobState.self, at: 3),
                   priority: try row.decode(Int.self, at: 4), attempt: try row.decode(Int.self, at: 5),
                   maxAttempts: try row.decode(Int.self, at: 6), runAt: try row.decode(Date.self, at: 7),
                   uniqueKey: try row.decode(String?.self, at: 8), owner: try row.decode(String?.self, at: 9),
                   lastError: try row.decode(String?.self, at: 10), args: try row.decode(String.self, at: 11))
        }
    }

    /// Counts by kind and state, with how many are due and how long the oldest has waited.
    public func stats() throws -> JobStats {
        let rows = try connection.query("SELECT kind, state, count(*) FROM jobs GROUP BY kind, state ORDER BY kind, state").map { row in
            JobStats.Row(kind: try row.decode(String.self, at: 0), state: try row.decode(JobState.self, at: 1), count: try row.decode(Int.self, at: 2))
        }
        let due = try connection.query(
            "SELECT count(*), coalesce(extract(epoch FROM now() - min(run_at)), 0)::text FROM jobs WHERE state = 'available' AND run_at <= now()")
        let count = try due.first?.decode(Int.self, at: 0) ?? 0
        let oldest = Double(try due.first?.decode(String.self, at: 1) ?? "0") ?? 0
        return JobStats(rows: rows, due: count, oldestDueSeconds: oldest)
    }

    /// How many jobs are due now and not yet started: the worker's queue depth. Served by the
    /// claim index, so it reads only waiting jobs, not the finished ones.
    public func dueCount() throws -> Int {
        try connection.query("SELECT count(*) FROM jobs WHERE state = 'available' AND run_at <= now()").scalar(Int.self)
    }
}
