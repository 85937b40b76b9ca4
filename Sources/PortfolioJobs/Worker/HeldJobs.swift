import Postgres
import Synchronization

/// The jobs a worker's lanes hold right now: claimed and not yet finished, failed or returned.
///
/// The heartbeat extends only these leases. A batch a lane gave up on — its connection broke in
/// the middle, or the reply to a claim never arrived — is no longer held, so its leases run out
/// and the leader's rescuer returns those jobs to the queue while this worker keeps running.
final class HeldJobs: Sendable {
    private let ids = Mutex<Set<Int>>([])

    func hold(_ jobs: [Int]) { ids.withLock { $0.formUnion(jobs) } }
    func drop(_ jobs: [Int]) { ids.withLock { $0.subtract(jobs) } }
    var current: [Int] { ids.withLock { Array($0) } }

    /// Extends the leases of `jobs` that `owner` still runs; returns how many it extended.
    static func extendLeases(_ connection: Connection, jobs: [Int], owner: String, lease: Duration) throws -> Int {
        guard !jobs.isEmpty else { return 0 }
        return try connection.query(
            """
            UPDATE jobs SET lease_expires_at = now() + $2 * interval '1 millisecond'
            WHERE owner = $1 AND state = 'running' AND id = ANY($3::bigint[])
            """, owner, JobQueue.millis(lease), jobs).affectedRows
    }
}
