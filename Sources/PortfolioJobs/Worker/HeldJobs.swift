import Synchronization

/// The jobs a worker's lanes hold right now, by lane: claimed and not yet finished, failed or
/// returned.
///
/// The heartbeat extends only these leases. A batch a lane gave up on — its connection broke in
/// the middle, or the reply to a claim never arrived — is no longer held, so its leases run out
/// and the leader's rescuer returns those jobs to the queue while this worker keeps running.
/// A lane drops only its own batch: when a job another lane gave up is claimed again by a
/// second lane, the first lane's drop leaves the second lane's hold (and heartbeat) alone.
final class HeldJobs: Sendable {
    private let batches = Mutex<[Int: [Int]]>([:])

    /// Records `jobs` as lane `lane`'s batch, in place of its previous one.
    func hold(_ jobs: [Int], lane: Int) { batches.withLock { $0[lane] = jobs.isEmpty ? nil : jobs } }
    /// Lane `lane` holds nothing any more.
    func drop(lane: Int) { batches.withLock { $0[lane] = nil } }
    /// Every held job.
    var current: [Int] { batches.withLock { Array(Set($0.values.joined())) } }
}
