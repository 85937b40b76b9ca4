import Foundation
import Logging
import Postgres
import PortfolioStore
import Synchronization

/// Claims and runs jobs in lanes, keeps leases alive, and — when elected leader — rescues
/// expired jobs, prunes old ones and inserts periodic jobs.
///
/// Lanes take their connections from `pool`; the heartbeat and the maintenance loop each have
/// a connection of their own, so a lease is renewed and `/health` is current however long the
/// lanes hold theirs.
public final class Worker: Sendable {
    /// The lanes' connections, one per lane.
    public let pool: ConnectionPool
    /// The heartbeat's one connection.
    let heartbeatPool: ConnectionPool
    /// The maintenance loop's one connection.
    let maintenancePool: ConnectionPool
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
    /// Set once every lane has returned: the heartbeat runs until then, stopping or not.
    let lanesReturned = StopFlag()
    /// When the newest heartbeat that renewed every held lease began; a lane whose leases
    /// have gone unrenewed for a whole lease gives up its batch (see `lane`).
    let leasesRenewedAt = Mutex<ContinuousClock.Instant>(.now)
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
        heartbeatPool = ConnectionPool(configuration: pool.configuration, size: 1, maxWaiters: 0)
        maintenancePool = ConnectionPool(configuration: pool.configuration, size: 1, maxWaiters: 0)
    }

    /// Closes the connections of the heartbeat and the maintenance loop (the caller owns `pool`).
    public func closeConnections() async {
        await heartbeatPool.close()
        await maintenancePool.close()
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
            try await withThrowingTaskGroup(of: Void.self) { heartbeat in
                // Leases are renewed here too: a batch that outlives its lease must not be
                // rescued and run a second time beside this one.
                heartbeat.addTask { await self.heartbeatLoop() }
                defer { lanesHaveReturned() }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<max(1, options.concurrency) {
                        group.addTask { try await self.lane(index, untilIdle: true) }
                    }
                    try await group.waitForAll()
                }
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
        _ = try? await withDeadline(options.databaseTimeout, "resign") {
            try await self.maintenancePool.withConnection { c in try LeaderElector(c).resign(owner: owner) }
        }
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
            // Lanes are done: stop the helpers; the heartbeat ran until now.
            listener?.stop()
            requestStop()
            lanesHaveReturned()
            // A maintenance pass still waiting for a silent database is cancelled, not awaited.
            group.cancelAll()
            await group.waitForAll()
        }
    }

    /// Ends the heartbeat: no lane holds a job any more.
    private func lanesHaveReturned() {
        lanesReturned.set()
        stopWake.signal()
    }

    // MARK: Lanes

    func lane(_ index: Int, untilIdle: Bool) async throws {
        var failures = 0
        let options = self.options
        // A stopping or cancelled lane leaves; it never claims again.
        while !stop.isSet && !Task.isCancelled {
            do {
                // The batch is claimed and run on one connection: no second wait for the pool
                // between the claim and the work, and no batch claimed on a connection that
                // then cannot run it.
                let claimedAt = ContinuousClock.now
                let outcome = try await withLeaseWatch(lane: index, since: claimedAt) { [self] in
                    try await pool.withConnection { c -> BatchOutcome in
                        let claimed = try JobQueue(c).claim(owner: options.workerID, limit: options.batchSize, lease: options.lease, queues: options.queues)
                        self.pauseBeforeHold(lane: index, claimed)
                        self.held.hold(claimed.map(\.claim), lane: index)
                        self.status.update { $0.claimQueries += 1 }
                        self.metrics.claimed()
                        if claimed.isEmpty { return .empty }
                        let now = Date()
                        for job in claimed { self.metrics.claimLatency(seconds: now.timeIntervalSince(job.runAt)) }
                        return .ran(try self.process(claimed, on: c))
                    }
                }
                if failures > 0 { logger.info("database reachable again", metadata: ["lane": "\(index)"]) }
                failures = 0
                status.update { $0.databaseReachable = true }
                guard case .ran(let result) = outcome else {
                    if untilIdle {
                        if try await waitForSnoozed() { continue }
                        return
                    }
                    await wake.wait(timeout: options.pollInterval)
                    continue
                }
                held.drop(lane: index)
                status.update {
                    $0.jobsCompleted += result.completed
                    $0.jobsFailed += result.failed
                }
            } catch {
                // The rest of the batch is left to its leases: the rescuer returns the jobs once
                // they expire (a job whose effect committed is completed already and stays so).
                held.drop(lane: index)
                if error is LeasesLapsed { status.update { $0.batchesGivenUp += 1 } }
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
            try c.run(WaitingJobs(ids: ids))
        }
        snoozed.withLock { $0 = Set(waiting) }
        guard !waiting.isEmpty else { return false }
        try await Task.sleep(for: .milliseconds(200))
        return true
    }
}
