import Foundation
import Logging
import Postgres
import PortfolioStore
import Synchronization

/// Claims and runs jobs in lanes, keeps leases alive, and — when elected leader — rescues
/// expired jobs, prunes old ones and inserts periodic jobs.
public final class Worker: Sendable {
    public let pool: ConnectionPool
    public let options: WorkerOptions
    public let status: WorkerStatus
    let handlers: [String: any JobHandler]
    let periodic: [PeriodicJob]
    let logger: Logger
    let metrics = WorkerMetrics()
    let wake = WakeSignal()
    /// Wakes the heartbeat and maintenance loops when stopping (apart from `wake`, so they
    /// never take a lane's wake-up).
    let stopWake = WakeSignal()
    let stop = StopFlag()
    /// Jobs this worker snoozed; `--once` waits for them before it exits.
    let snoozed = Mutex<Set<Int>>([])
    /// Jobs the lanes hold now; only their leases are extended.
    let held = HeldJobs()

    public init(pool: ConnectionPool, options: WorkerOptions, handlers: [any JobHandler], periodic: [PeriodicJob] = [], logger: Logger) {
        self.pool = pool
        self.options = options
        self.handlers = Dictionary(handlers.map { ($0.kind, $0) }, uniquingKeysWith: { _, last in last })
        self.periodic = periodic
        self.logger = logger
        self.status = WorkerStatus(workerID: options.workerID)
    }

    /// The signal a notification listener fires to wake idle lanes.
    public var wakeSignal: WakeSignal { wake }

    /// Asks the worker to stop: lanes finish the job in hand and return the rest of their batch.
    public func requestStop() {
        stop.set()
        wake.signal()
        stopWake.signal()
    }

    /// What `runOnce` did.
    public struct OnceReport: Sendable, Equatable {
        public var completed = 0
        public var failed = 0
    }

    /// Works every job that is due (and any this run snoozed), then returns.
    ///
    /// - Throws: the database error when it stays unreachable.
    public func runOnce() async throws -> OnceReport {
        _ = try await pool.withConnection { c in try JobQueue(c).rescue() }
        let before = status.snapshot
        try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<max(1, options.concurrency) {
                    group.addTask { try await self.lane(index, untilIdle: true) }
                }
                try await group.waitForAll()
            }
        } onCancel: {
            self.requestStop()
        }
        let after = status.snapshot
        return OnceReport(completed: after.jobsCompleted - before.jobsCompleted, failed: after.jobsFailed - before.jobsFailed)
    }

    /// Runs until `requestStop`: lanes, heartbeats and maintenance.
    ///
    /// Cancelling the calling task stops the worker the same way: a cancelled task's waits
    /// return at once, so a lane that kept looping after cancellation would claim without pause.
    public func run(listener: NotificationListener?) async {
        await withTaskCancellationHandler {
            await runServices(listener: listener)
        } onCancel: {
            listener?.stop()
            self.requestStop()
        }
        let owner = options.workerID
        _ = try? await pool.withConnection { c in try LeaderElector(c).resign(owner: owner) }
        logger.info("worker stopped", metadata: ["worker": "\(owner)"])
    }

    private func runServices(listener: NotificationListener?) async {
        await withTaskGroup(of: Void.self) { group in
            if let listener {
                group.addTask { await listener.run() }
            }
            group.addTask { await self.heartbeatLoop() }
            group.addTask { await self.maintenanceLoop() }
            await withTaskGroup(of: Void.self) { lanes in
                for index in 0..<max(1, options.concurrency) {
                    lanes.addTask { try? await self.lane(index, untilIdle: false) }
                }
                await lanes.waitForAll()
            }
            // Lanes are done: stop the helpers.
            listener?.stop()
            requestStop()
            await group.waitForAll()
        }
    }

    // MARK: Lanes

    func lane(_ index: Int, untilIdle: Bool) async throws {
        var failures = 0
        let options = self.options
        // The batch in hand; given up (no longer held, so no longer extended) if its connection breaks.
        var holding: [Int] = []
        // A stopping or cancelled lane leaves; it never claims again.
        while !stop.isSet && !Task.isCancelled {
            do {
                let claimed = try await pool.withConnection { c in
                    try JobQueue(c).claim(owner: options.workerID, limit: options.batchSize, lease: options.lease, queues: options.queues)
                }
                status.update { $0.claimQueries += 1 }
                metrics.claimed()
                holding = claimed.map(\.id)
                held.hold(holding)
                if failures > 0 { logger.info("database reachable again", metadata: ["lane": "\(index)"]) }
                failures = 0
                status.update { $0.databaseReachable = true }
                if claimed.isEmpty {
                    if untilIdle {
                        if try await waitForSnoozed() { continue }
                        return
                    }
                    await wake.wait(timeout: options.pollInterval)
                    continue
                }
                let now = Date()
                for job in claimed { metrics.claimLatency(seconds: now.timeIntervalSince(job.runAt)) }
                let result = try await pool.withConnection { c in try self.process(claimed, on: c) }
                held.drop(holding)
                holding = []
                status.update {
                    $0.jobsCompleted += result.completed
                    $0.jobsFailed += result.failed
                }
            } catch {
                // The rest of the batch is left to its leases: the rescuer returns the jobs once
                // they expire (a job whose effect committed is completed already and stays so).
                held.drop(holding)
                holding = []
                failures += 1
                status.update {
                    $0.databaseReachable = false
                    $0.lastError = FailureReport.message(for: error)
                }
                if untilIdle && failures >= 5 { throw error }
                let delay = min(30.0, 0.1 * pow(2.0, Double(min(failures, 10))))
                logger.warning("database error; retrying", metadata: [
                    "lane": "\(index)", "error": "\(FailureReport.message(for: error))", "retry_in_s": "\(delay)",
                ])
                await wake.wait(timeout: .milliseconds(Int(delay * 1000)))
            }
        }
    }

    /// In `--once` mode: true while a job this run snoozed is still waiting (it will be due
    /// again in a moment).
    private func waitForSnoozed() async throws -> Bool {
        let ids = Array(snoozed.withLock { $0 })
        guard !ids.isEmpty else { return false }
        let waiting = try await pool.withConnection { c in
            try c.query("SELECT id FROM jobs WHERE id = ANY($1::bigint[]) AND state = 'available'", ids).map { try $0.decode(Int.self, at: 0) }
        }
        snoozed.withLock { $0 = Set(waiting) }
        guard !waiting.isEmpty else { return false }
        try await Task.sleep(for: .milliseconds(200))
        return true
    }

    struct LaneResult: Sendable {
        var completed = 0
        var failed = 0
    }

    /// Runs a claimed batch on one connection, in order. Runs on the connection's own queue.
    func process(_ jobs: [ClaimedJob], on connection: Connection) throws -> LaneResult {
        let queue = JobQueue(connection)
        let owner = options.workerID
        var result = LaneResult()
        var batchDone: [Int] = []
        var batchKinds: [String: Int] = [:]
        defer {
            if !batchDone.isEmpty {
                _ = try? queue.complete(batchDone, owner: owner)
                for (kind, count) in batchKinds { metrics.completed(kind: kind, count: count) }
            }
        }
        var sharedDone: Set<Int> = []
        for (position, job) in jobs.enumerated() {
            if sharedDone.contains(job.id) { continue }
            if !stop.isSet, let handler = handlers[job.kind], handler.isTransactional, handler.sharesTransactions {
                let run = Array(jobs[position...].prefix { next in
                    handlers[next.kind].map { $0.isTransactional && $0.sharesTransactions } ?? false
                })
                if run.count > 1, try runShared(run, on: connection) {
                    sharedDone.formUnion(run.map(\.id))
                    result.completed += run.count
                    continue
                }
            }
            if stop.isSet {
                let rest = jobs[position...].map(\.id)
                let released = try queue.release(rest, owner: owner)
                logger.info("returned unstarted jobs to the queue", metadata: ["count": "\(released)"])
                break
            }
            guard let handler = handlers[job.kind] else {
                try queue.fail(job.id, owner: owner, error: "no handler for job kind \(job.kind)", delay: .zero, permanent: true)
                metrics.failed(kind: job.kind, outcome: "discarded")
                result.failed += 1
                continue
            }
            do {
                if handler.isTransactional {
                    try connection.transaction { c in
                        try handler.run(job, connection: c)
                        try JobQueue(c).completeFenced(job.id, owner: owner)
                    }
                    metrics.completed(kind: job.kind)
                } else {
                    try handler.run(job, connection: connection)
                    batchDone.append(job.id)
                    batchKinds[job.kind, default: 0] += 1
                }
                result.completed += 1
            } catch let error as PostgresError where error.isConnectionFailure {
                // The lease will expire and the rescuer returns the job; the lane reconnects.
                throw error
            } catch {
                result.failed += try recordFailureOnce(job, error: error, queue: queue) ? 1 : 0
            }
        }
        return result
    }

    /// Runs consecutive jobs whose handlers share transactions in one transaction; false (and
    /// nothing written) when one of them failed, for the caller to run them one by one.
    ///
    /// One commit instead of one per job, and no BEGIN and COMMIT round trips between them.
    /// Each job's effect still commits with its own fenced completion.
    private func runShared(_ jobs: [ClaimedJob], on connection: Connection) throws -> Bool {
        let owner = options.workerID
        do {
            try connection.transaction { c in
                for job in jobs {
                    guard let handler = handlers[job.kind] else { throw JobError.permanent("no handler for job kind \(job.kind)") }
                    try handler.run(job, connection: c)
                    try JobQueue(c).completeFenced(job.id, owner: owner)
                }
            }
        } catch let error as PostgresError where error.isConnectionFailure {
            throw error
        } catch {
            return false
        }
        for job in jobs { metrics.completed(kind: job.kind) }
        return true
    }

    /// Records a job's failure (see `recordFailure`), again when putting it back collided with
    /// another job of the same kind and unique key.
    ///
    /// A job leaving `running` is cancelled as superseded when a job with its key is waiting.
    /// When two such jobs ran at once (one claimed while the other was being decided, as
    /// rollups of a burst of changes are) and both are put back, the second statement cannot
    /// see the first one's uncommitted row and trips the unique index instead. Run again, it
    /// sees the waiting job and supersedes this one, as it would have without the race.
    /// Each collision means another such job committed meanwhile, so a few tries settle it.
    private func recordFailureOnce(_ job: ClaimedJob, error: any Error, queue: JobQueue) throws -> Bool {
        var collisions = 0
        while true {
            do {
                return try recordFailure(job, error: error, queue: queue)
            } catch let collision as PostgresError where collision.isUniqueViolation && job.uniqueKey != nil && collisions < 3 {
                collisions += 1
            }
        }
    }

    /// Records a job's failure; true when it counts as failed (not a snooze).
    private func recordFailure(_ job: ClaimedJob, error: any Error, queue: JobQueue) throws -> Bool {
        let owner = options.workerID
        switch error {
        case JobError.leaseLost:
            logger.warning("job lost its lease; its effect was rolled back", metadata: ["job": "\(job.id)", "kind": "\(job.kind)"])
            return true
        case JobError.snooze(let seconds, let reason):
            try queue.fail(job.id, owner: owner, error: reason, delay: .seconds(seconds), snooze: true)
            snoozed.withLock { _ = $0.insert(job.id) }
            return false
        case JobError.notBefore(let date, let reason):
            try queue.fail(job.id, owner: owner, error: reason, delay: .zero, snooze: true, notBefore: date)
            logger.info("job waits for its time", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "until": "\(date.formatted(.iso8601))"])
            return false
        case JobError.permanent(let message):
            try queue.fail(job.id, owner: owner, error: message, delay: .zero, permanent: true)
            metrics.failed(kind: job.kind, outcome: "discarded")
            logger.error("job discarded", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "error": "\(message)"])
            return true
        default:
            let message = FailureReport.message(for: error)
            let delay = options.backoff.delay(afterAttempt: job.attempt, random: Double.random(in: 0...1))
            let outcome = try queue.fail(job.id, owner: owner, error: message, delay: .milliseconds(Int(delay * 1000)))
            metrics.failed(kind: job.kind, outcome: outcome.rawValue)
            logger.warning("job failed", metadata: [
                "job": "\(job.id)", "kind": "\(job.kind)", "attempt": "\(job.attempt)", "outcome": "\(outcome.rawValue)", "error": "\(message)",
            ])
            return true
        }
    }

    // MARK: Leases and maintenance

    func heartbeatLoop() async {
        let options = self.options
        while !stop.isSet && !Task.isCancelled {
            await stopWake.waitUntilStopped(stop, timeout: options.lease / 3)
            if stop.isSet { return }
            let jobs = held.current
            if jobs.isEmpty { continue }
            _ = try? await pool.withConnection { c in
                try JobQueue(c).heartbeat(jobs, owner: options.workerID, lease: options.lease)
            }
        }
    }

    func maintenanceLoop() async {
        let options = self.options
        var lastPrune = ContinuousClock.now - .seconds(3600)
        while !stop.isSet && !Task.isCancelled {
            let shouldPrune = ContinuousClock.now - lastPrune > .seconds(60)
            do {
                let periodic = self.periodic
                let (leader, stats, rollupAge) = try await pool.withConnection { c -> (Bool, JobStats, Double?) in
                    let leader = try LeaderElector(c).acquireOrRenew(owner: options.workerID, lease: options.leaderLease)
                    if leader {
                        try JobQueue(c).rescue()
                        if shouldPrune {
                            try JobQueue(c).prune(olderThan: options.retention)
                            try RollupStore(c).pruneDeltas(olderThanMilliseconds: JobQueue.millis(options.retention))
                        }
                        for job in periodic { try job.insertIfDue(c, owner: options.workerID, now: Date()) }
                    }
                    let age = try c.query("SELECT extract(epoch FROM now() - max(taken_at))::text FROM rollup_snapshots")
                        .first?.decode(String?.self, at: 0).flatMap(Double.init)
                    return (leader, try JobQueue(c).stats(), age)
                }
                if shouldPrune && leader { lastPrune = .now }
                let wasLeader = status.snapshot.leader
                if leader != wasLeader {
                    logger.info(leader ? "elected leader" : "no longer leader", metadata: ["worker": "\(options.workerID)"])
                }
                status.update {
                    $0.leader = leader
                    $0.queueDepth = stats.due
                    $0.newestRollupAgeSeconds = rollupAge
                    $0.databaseReachable = true
                }
                metrics.leader(leader)
                metrics.queueDepth(stats.due)
                metrics.rollupAge(seconds: rollupAge)
            } catch {
                logger.warning("maintenance failed; retrying", metadata: [
                    "error": "\(FailureReport.message(for: error))",
                    "retry_in_s": "\(Double(JobQueue.millis(options.leaderLease / 3)) / 1000)",
                ])
                status.update {
                    $0.databaseReachable = false
                    $0.leader = false
                    $0.lastError = FailureReport.message(for: error)
                }
                metrics.leader(false)
            }
            await stopWake.waitUntilStopped(stop, timeout: options.leaderLease / 3)
        }
    }
}

extension WakeSignal {
    /// Sleeps for `timeout`, returning early once `stop` is set (stopping signals the wake).
    ///
    /// Returns at once in a cancelled task, whose waits do not wait.
    func waitUntilStopped(_ stop: StopFlag, timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while !stop.isSet && !Task.isCancelled {
            let left = ContinuousClock.now.duration(to: deadline)
            if left <= .zero { return }
            await wait(timeout: left)
        }
    }
}
