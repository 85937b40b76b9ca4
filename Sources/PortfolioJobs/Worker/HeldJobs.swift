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
}
