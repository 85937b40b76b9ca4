import PortfolioStore
import Synchronization

/// The claims a worker's lanes hold right now, by lane: claimed and not yet finished, failed or
/// returned.
///
/// The heartbeat extends only these leases. A batch a lane gave up on — its connection broke in
/// the middle, the reply to a claim never arrived, or its leases lapsed — is no longer held, so
/// its leases run out and the leader's rescuer returns those jobs to the queue while this worker
/// keeps running.
///
/// Claims, not job ids, and each lane drops only its own: when a lane's lease ran out and another
/// lane of this worker claimed the job again, the first lane dropping its batch leaves the second
/// one's claim held (and extended).
final class HeldJobs: Sendable {
    private let batches = Mutex<[Int: [JobClaim]]>([:])

    /// Records `claims` as lane `lane`'s batch, in place of its previous one.
    func hold(_ claims: [JobClaim], lane: Int) { batches.withLock { $0[lane] = claims.isEmpty ? nil : claims } }
    /// Lane `lane` holds nothing any more.
    func drop(lane: Int) { batches.withLock { $0[lane] = nil } }
    /// Every held claim.
    var current: [JobClaim] { batches.withLock { Array(Set($0.values.joined())) } }
}
