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
        var holding: [JobClaim] = []
        // A stopping or cancelled lane leaves; it never claims again.
        while !stop.isSet && !Task.isCancelled {
            do {
                let claimed = try await pool.withConnection { c in
                    try JobQueue(c).claim(owner: options.workerID, limit: options.batchSize, lease: options.lease, queues: options.queues)
                }
                status.update { $0.claimQueries += 1 }
                metrics.claimed()
                holding = claimed.map(\.claim)
                await pauseBeforeHold(lane: index, claimed)
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
}
