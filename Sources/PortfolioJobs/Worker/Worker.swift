import Foundation
import Logging
import Postgres
import PortfolioStore
import ServiceLifecycle

/// A worker: the job handlers and options a program gives it, wired into named parts —
/// lanes (claim, run, complete), a heartbeat, a leader elector with the maintenance loop and
/// queue sampler, and a notification listener — that run as services of one `ServiceGroup`.
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
    let state: WorkerState
    let lanes: Lanes
    let heartbeat: Heartbeat
    let maintenance: LeaderMaintenance
    let logger: Logger

    /// A worker that runs `handlers` and, as leader, inserts `periodic` jobs and runs the
    /// program's `maintenance` tasks beside the queue's own.
    public init(
        pool: ConnectionPool, options: WorkerOptions, handlers: [any JobHandler], periodic: [PeriodicJob] = [],
        maintenance tasks: [any MaintenanceTask] = [], logger: Logger
    ) {
        self.pool = pool
        self.options = options
        self.logger = logger
        let state = WorkerState(workerID: options.workerID)
        self.state = state
        heartbeatPool = ConnectionPool(configuration: pool.configuration, size: 1, maxWaiters: 0)
        maintenancePool = ConnectionPool(configuration: pool.configuration, size: 1, maxWaiters: 0)
        let runner = JobRunner(handlers: handlers, options: options, state: state, logger: logger)
        lanes = Lanes(pool: pool, options: options, state: state, runner: runner, logger: logger)
        heartbeat = Heartbeat(pool: heartbeatPool, options: options, state: state, logger: logger)
        maintenance = LeaderMaintenance(
            pool: maintenancePool, options: options, state: state, periodic: periodic, tasks: tasks, logger: logger)
    }

    /// What the worker knows about itself, for `/health`.
    public var status: WorkerStatus { state.status }

    /// The claims the lanes hold now.
    var held: HeldJobs { state.held }

    /// Every pool the worker uses: the lanes', the heartbeat's and the maintenance loop's.
    public var connectionPools: [ConnectionPool] { [pool, heartbeatPool, maintenancePool] }

    /// Closes the connections of the heartbeat and the maintenance loop (the caller owns `pool`).
    public func closeConnections() async {
        await heartbeatPool.close()
        await maintenancePool.close()
    }

    /// The signal a notification listener fires to wake idle lanes.
    public var wakeSignal: WakeSignal { state.wake }

    /// Asks the worker to stop: lanes finish the job in hand and return the rest of their batch.
    public func requestStop() {
        state.requestStop()
    }

    /// Runs a claimed batch on `connection` as a lane would.
    func process(_ jobs: [ClaimedJob], on connection: Connection) throws -> JobRunner.LaneResult {
        try lanes.runner.process(jobs, on: connection)
    }

    /// The worker's parts as services, in the order a `ServiceGroup` must list them: it stops
    /// them in reverse, so the lanes stop first (finishing the jobs in hand), the heartbeat once
    /// they have returned, then the maintenance loop (which resigns the leadership), then the
    /// listener. The pools are not among them: `ConnectionPoolService(connectionPools)` goes
    /// before these, so that they close last.
    ///
    /// - Parameters:
    ///   - startGate: when given, the lanes start only once it opens (a sibling is ready).
    ///   - startMetadata: what the "worker starting" line says.
    public func services(
        listener: NotificationListener?, startGate: StartGate? = nil, startMetadata: Logger.Metadata = [:]
    ) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        var parts: [any Service] = []
        if let listener { parts.append(listener) }
        parts.append(MaintenanceService(maintenance: maintenance))
        parts.append(HeartbeatService(heartbeat: heartbeat))
        parts.append(LanesService(lanes: lanes, logger: logger, startMetadata: startMetadata, startGate: startGate))
        return parts.map {
            .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup)
        }
    }

    /// Runs the worker's services in a group of their own until `requestStop` or cancellation.
    /// The caller owns the pools.
    public func run(listener: NotificationListener?) async {
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services(listener: listener), logger: logger))
        try? await group.run()
        logger.info("worker stopped", metadata: ["worker": "\(options.workerID)"])
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
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Leases are renewed here too: a batch that outlives its lease must not be rescued
            // and run a second time beside this one.
            group.addTask { [heartbeat] in await heartbeat.run() }
            try await lanes.run(untilIdle: true)
            try await group.waitForAll()
        }
        let after = status.snapshot
        return OnceReport(completed: after.jobsCompleted - before.jobsCompleted, failed: after.jobsFailed - before.jobsFailed)
    }
}
