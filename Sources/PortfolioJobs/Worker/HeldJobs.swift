import Synchronization

/// The claims a worker's lanes hold right now: claimed and not yet finished, failed or returned.
///
/// The heartbeat extends only these leases. A batch a lane gave up on — its connection broke in
/// the middle, or the reply to a claim never arrived — is no longer held, so its leases run out
/// and the leader's rescuer returns those jobs to the queue while this worker keeps running.
///
/// Claims, not job ids: when a lane's lease ran out and another lane of this worker claimed the
/// job again, the first lane dropping its claim leaves the second one's held (and extended).
final class HeldJobs: Sendable {
    private let claims = Mutex<Set<JobClaim>>([])

    func hold(_ jobs: [JobClaim]) { claims.withLock { $0.formUnion(jobs) } }
    func drop(_ jobs: [JobClaim]) { claims.withLock { $0.subtract(jobs) } }
    var current: [JobClaim] { claims.withLock { Array($0) } }
}
