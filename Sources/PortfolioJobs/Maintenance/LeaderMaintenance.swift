import Foundation
import Logging
import Postgres
import PortfolioStore

/// Every third of the leader lease, on a connection of its own: leader election; as leader the
/// leader-only tasks (rescue, pruning, periodic jobs, the program's own); on every worker the
/// others; then the queue sampler, for `/health` and the metrics.
///
/// A pass that takes longer than `databaseTimeout` makes the database count as unreachable at
/// that moment (and `/health` 503); it is cancelled after six times that, at least 60 s, so a
/// long rescue or prune on a busy database finishes instead of starting over.
struct LeaderMaintenance: Sendable {
    /// The maintenance loop's one connection.
    let pool: ConnectionPool
    let options: WorkerOptions
    let state: WorkerState
    /// In the order they run: the queue's own, then the program's, then periodic inserts.
    let tasks: [any MaintenanceTask]
    let sampler: QueueSampler
    let logger: Logger

    init(pool: ConnectionPool, options: WorkerOptions, state: WorkerState, periodic: [PeriodicJob], tasks: [any MaintenanceTask], logger: Logger) {
        self.pool = pool
        self.options = options
        self.state = state
        self.tasks = [QueueMaintenance.Rescue(), QueueMaintenance.Prune(retention: options.retention)] + tasks
            + periodic.map { QueueMaintenance.Periodic(job: $0, owner: options.workerID) }
        self.sampler = QueueSampler(state: state)
        self.logger = logger
    }

    /// Runs passes until the lanes are asked to stop, then waits to be cancelled: its service
    /// cancels it when the group stops it, after the lanes and the heartbeat, and then resigns.
    /// A stopping worker leads no more (it rescues nothing, its own jobs in hand included, while
    /// its lanes drain), so another worker takes over.
    func run() async {
        let options = self.options
        // When each task last ran, by its index.
        var lastRun: [Int: ContinuousClock.Instant] = [:]
        while !Task.isCancelled {
            if state.stop.isSet {
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
                return
            }
            let now = ContinuousClock.now
            let due = Set(tasks.indices.filter { index in
                lastRun[index].map { $0.duration(to: now) >= tasks[index].interval } ?? true
            })
            do {
                let (leader, ran) = try await pass(due: due)
                for index in ran { lastRun[index] = now }
                let wasLeader = state.status.snapshot.leader
                if leader != wasLeader {
                    logger.info(leader ? "elected leader" : "no longer leader", metadata: ["worker": "\(options.workerID)"])
                }
                state.status.update { $0.leader = leader }
                state.metrics.leader(leader)
            } catch {
                logger.warning("maintenance failed; retrying", metadata: [
                    "error": "\(FailureReport.message(for: error))",
                    "retry_in_s": "\(options.leaderLease / 3)",
                ])
                state.status.update {
                    $0.databaseReachable = false
                    $0.leader = false
                    $0.lastError = FailureReport.message(for: error)
                }
                state.metrics.leader(false)
            }
            await state.stopWake.waitUntilStopped(state.stop, timeout: options.leaderLease / 3)
        }
    }

    /// One pass: the election, the due tasks this worker runs, the sample. Returns whether this
    /// worker leads and which tasks ran.
    private func pass(due: Set<Int>) async throws -> (leader: Bool, ran: [Int]) {
        let options = self.options
        let timeout = options.databaseTimeout
        let tasks = self.tasks
        let sampler = self.sampler
        // Past the timeout the database counts as unreachable; the pass itself is cancelled only
        // much later.
        return try await withDeadline(timeout, "maintenance", onExpiry: { [state] in
            state.markUnreachable("maintenance: the database did not answer within \(timeout)")
        }, cancelAfter: max(timeout * 6, .seconds(60))) { [pool] in
            try await pool.withConnection { c -> (Bool, [Int]) in
                let leader = try LeaderElector(c).acquireOrRenew(owner: options.workerID, lease: options.leaderLease)
                var ran: [Int] = []
                for index in tasks.indices where due.contains(index) && (leader || !tasks[index].leaderOnly) {
                    try tasks[index].run(c)
                    ran.append(index)
                }
                try sampler.sample(c)
                return (leader, ran)
            }
        }
    }

    /// Gives the leader lease up, if this worker holds it, within the database timeout.
    func resign() async {
        let owner = options.workerID
        _ = try? await withDeadline(options.databaseTimeout, "resign") { [pool] in
            try await pool.withConnection { c in try LeaderElector(c).resign(owner: owner) }
        }
    }
}
