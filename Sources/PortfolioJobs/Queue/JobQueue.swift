import Foundation
import Postgres
import PortfolioStore

/// The job queue on one connection: claim, finish, fail, release, heartbeat, rescue, prune,
/// and the administrator's list, stats, retry and cancel. Its statements are in
/// `PortfolioStore/Queries/Jobs`.
///
/// Every state change of a running job is fenced by its claim: only the attempt that claimed
/// a job (its owner and its claim's token), while the job is still running under that claim,
/// can complete, fail, release or extend it. A second claim of the same job, even by the same
/// worker, has a token of its own.
///
/// A job leaving `running` becomes `available` again only when no job of its kind and unique
/// key waits; otherwise it is `cancelled` (absorbed by the waiting one, `JobRules`). A job of
/// that key enqueued by a transaction the statement cannot see yet makes it wait for that
/// transaction and then be absorbed (`jobs_leave_running`, migration 10): it never fails on
/// the unique index.
public struct JobQueue: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Claims up to `limit` due jobs, by priority (lower first), run time and id, for `owner`
    /// with a lease of `lease`. `queues` nil means every queue. Each claim takes a new token.
    public func claim(owner: String, limit: Int, lease: Duration, queues: [String]? = nil) throws -> [ClaimedJob] {
        var jobs = try connection.run(ClaimJobs(owner: owner, limit: limit, lease: lease, queues: queues))
        jobs.sort { ($0.priority, $0.job.runAt, $0.job.id) < ($1.priority, $1.job.runAt, $1.job.id) }
        return jobs.map(\.job)
    }

    /// Marks jobs completed if `owner` still holds them under these claims; returns how many it
    /// did.
    @discardableResult
    public func complete(_ claims: [JobClaim], owner: String) throws -> Int {
        guard !claims.isEmpty else { return 0 }
        return try connection.execute(CompleteJobs(claims, owner: owner))
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
        let statement = FailJob(
            claim, owner: owner, error: error, delay: delay, permanent: permanent, snooze: snooze, notBefore: notBefore)
        guard let state = try connection.first(statement) ?? nil else { return .notOwned }
        return FailOutcome(rawValue: state.rawValue) ?? .notOwned
    }

    /// Returns claimed jobs that were not started (on shutdown) to the queue, attempt undone;
    /// returns how many. One superseded by a waiting job of its kind and key is cancelled.
    @discardableResult
    public func release(_ claims: [JobClaim], owner: String) throws -> Int {
        guard !claims.isEmpty else { return 0 }
        return try connection.execute(ReleaseJobs(claims, owner: owner))
    }

    /// Extends the leases of the claims `owner` still runs; returns how many.
    ///
    /// A worker names the claims its lanes hold, so a batch it gave up (its connection broke
    /// mid-way) is not kept alive: those leases run out and the rescuer returns the jobs.
    @discardableResult
    public func heartbeat(_ claims: [JobClaim], owner: String, lease: Duration) throws -> Int {
        guard !claims.isEmpty else { return 0 }
        return try connection.execute(ExtendLeases(claims, owner: owner, lease: lease))
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
        try connection.run(RescueExpiredJobs(limit: limit, patience: patience))
    }

    /// Deletes finished jobs older than `retention`, at most `limit`; returns how many.
    @discardableResult
    public func prune(olderThan retention: Duration, limit: Int = 10_000) throws -> Int {
        try connection.execute(PruneFinishedJobs(olderThan: retention, limit: limit))
    }

    /// Cancels a waiting or running job. A running job's worker then fails its fenced
    /// completion, so its effect does not happen.
    public func cancel(_ id: Int, actor: String) throws -> Bool {
        try connection.execute(CancelJob(id: id, actor: actor)) == 1
    }

    /// Puts a finished (discarded, cancelled or completed) job back in the queue, with its
    /// attempts and `last_error` cleared, and returns when it will run; nil when there is no
    /// such finished job.
    ///
    /// A job keeps its run time when that is still to come (a scheduled job cancelled before
    /// its time runs at that time, not now); otherwise it runs now.
    public func retry(_ id: Int) throws -> Date? {
        do {
            return try connection.first(RetryJob(id: id))
        } catch let error as PostgresError where error.isUniqueViolation {
            throw StoreError.duplicate("job \(id) cannot be retried: a job with the same key is already waiting")
        }
    }

    /// The state of one job, or nil.
    public func state(of id: Int) throws -> JobState? {
        try connection.first(JobStateByID(id: id))
    }

    /// Jobs, newest first, optionally by state and kind.
    public func list(state: JobState? = nil, kind: String? = nil, limit: Int = 100) throws -> [JobRow] {
        try connection.run(ListJobs(state: state, kind: kind, limit: limit))
    }

    /// Counts by kind and state, with how many are due and how long the oldest has waited.
    public func stats() throws -> JobStats {
        let rows = try connection.run(CountJobs())
        let due = try connection.first(DueJobs())
        return JobStats(rows: rows, due: due?.count ?? 0, oldestDueSeconds: due?.oldestSeconds ?? 0)
    }

    /// How many jobs are due now and not yet started: the worker's queue depth. Served by the
    /// claim index, so it reads only waiting jobs, not the finished ones.
    public func dueCount() throws -> Int {
        try connection.one(DueJobs()).count
    }

    /// Deletes a job that no worker has started yet, as if it had never been enqueued: for a
    /// command that queued it and then gave up waiting. A job already running or finished is
    /// left alone.
    ///
    /// - Returns: whether the job was withdrawn.
    public func withdraw(_ id: Int) throws -> Bool {
        try connection.execute(WithdrawJob(id: id)) == 1
    }
}
