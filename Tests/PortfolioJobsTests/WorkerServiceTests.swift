import Foundation
import Logging
import Postgres
import PortfolioJobs
import PortfolioStore
import ServiceLifecycle
import Synchronization
import Testing
import TestSupport

/// A sibling service that fails after a moment, as an HTTP listener that cannot bind does.
struct FailingService: Service {
    struct Failure: Error, Equatable {}
    let after: Duration
    var gate: StartGate?

    func run() async throws {
        try? await Task.sleep(for: after)
        gate?.close()
        throw Failure()
    }
}

/// Whether `task` finished within `timeout`; if not, `unblock` runs and the task is awaited.
func finishes(_ task: Task<Void, Never>, within timeout: Duration, unblock: () -> Void) async -> Bool {
    let done = Atomic<Bool>(false)
    let watcher = Task { await task.value; done.store(true, ordering: .releasing) }
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline && !done.load(ordering: .acquiring) {
        try? await Task.sleep(for: .milliseconds(20))
    }
    let finished = done.load(ordering: .acquiring)
    if !finished { unblock() }
    await watcher.value
    return finished
}

@Suite("The worker in a service group: a failing sibling ends it, the lanes never spin")
struct WorkerServiceTests {
    static func worker(_ db: TestDatabase) -> Worker {
        var options = WorkerOptions(workerID: "svc-\(UUID().uuidString.prefix(6))")
        options.concurrency = 2
        options.pollInterval = .seconds(1)
        options.leaderLease = .seconds(3)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return Worker(pool: ConnectionPool(configuration: db.configuration, size: 4), options: options, handlers: [NoopHandler()], logger: logger)
    }

    static func waitUntil(_ condition: () -> Bool) async {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition() && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
    }

    @Test("a cancelled worker stops; its waits return at once, so it must not claim again")
    func cancelled() async throws {
        try await TestDatabase.with { db in
            let worker = Self.worker(db)
            let task = Task { await worker.run(listener: nil) }
            await Self.waitUntil { worker.status.snapshot.claimQueries >= 2 }
            let atCancel = worker.status.snapshot.claimQueries
            task.cancel()
            let stopped = await finishes(task, within: .seconds(10)) { worker.requestStop() }
            let after = worker.status.snapshot.claimQueries
            #expect(stopped, "the cancelled worker kept running")
            // Each lane may finish the claim it was running; an idle poll is one a second.
            #expect(after - atCancel <= 2, "\(after - atCancel) claims after cancellation")
            await worker.pool.close()
        }
    }

    @Test("a sibling that fails ends the group and the lanes stop instead of polling", arguments: [
        ServiceGroupConfiguration.ServiceConfiguration.TerminationBehavior.gracefullyShutdownGroup, .cancelGroup,
    ])
    func failingSibling(_ behaviour: ServiceGroupConfiguration.ServiceConfiguration.TerminationBehavior) async throws {
        try await TestDatabase.with { db in
            let worker = Self.worker(db)
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [
                .init(service: FailingService(after: .milliseconds(300)), failureTerminationBehavior: behaviour),
            ] + worker.services(listener: nil), logger: logger))
            let start = ContinuousClock.now
            let outcome = Mutex<(any Error)?>(nil)
            let task = Task {
                do { try await group.run() } catch { outcome.withLock { $0 = error } }
            }
            // A bound for liveness only (the group must end, not hang); the claim count below is
            // what tells a stopped lane from one that polls in a loop.
            let ended = await finishes(task, within: .seconds(60)) { worker.requestStop() }
            #expect(ended, "the group kept running after its sibling failed")
            #expect(outcome.withLock { $0 } is FailingService.Failure)
            // Two lanes poll once a second until they stop; a lane in a loop would make thousands.
            let seconds = Int(start.duration(to: .now).components.seconds)
            #expect(worker.status.snapshot.claimQueries <= 2 * (seconds + 2), "\(worker.status.snapshot.claimQueries) claims in \(seconds) s")
            await worker.pool.close()
        }
    }

    @Test("lanes held by a start gate never start when the sibling fails first: no job is touched")
    func gated() async throws {
        try await TestDatabase.with { db in
            _ = try await db.run { c in try c.query("INSERT INTO jobs (kind) VALUES ('noop')") }
            let worker = Self.worker(db)
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let gate = StartGate()
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [
                .init(service: FailingService(after: .milliseconds(100), gate: gate), failureTerminationBehavior: .gracefullyShutdownGroup),
            ] + worker.services(listener: nil, startGate: gate), logger: logger))
            await #expect(throws: FailingService.Failure.self) { try await group.run() }
            #expect(worker.status.snapshot.claimQueries == 0)
            let job = try await db.run { c in try c.query("SELECT state || ' ' || attempt FROM jobs").scalar(String.self) }
            #expect(job == "available 0")
            await worker.pool.close()
        }
    }

    @Test("the group lists the worker's parts so that the lanes stop first and the listener last")
    func partsInOrder() async throws {
        try await TestDatabase.with { db in
            let worker = Self.worker(db)
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let listener = try NotificationListener(configuration: db.configuration, wake: worker.wakeSignal, logger: logger)
            let names = worker.services(listener: listener).map { String(describing: type(of: $0.service)) }
            #expect(names == ["NotificationListener", "MaintenanceService", "HeartbeatService", "LanesService"])
            await worker.pool.close()
        }
    }

    @Test("a graceful shutdown in the middle of a batch stops every part in its turn: no job left running, the leadership given up")
    func gracefulShutdownMidBatch() async throws {
        try await TestDatabase.with { db in
            _ = try await db.run { c in try c.query("INSERT INTO jobs (kind) SELECT 'noop' FROM generate_series(1, 200000)") }
            let worker = Self.worker(db)
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let listener = try NotificationListener(configuration: db.configuration, wake: worker.wakeSignal, logger: logger)
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(
                services: [.init(service: ConnectionPoolService(worker.connectionPools))] + worker.services(listener: listener),
                logger: logger))
            let outcome = Mutex<(any Error)?>(nil)
            let task = Task {
                do { try await group.run() } catch { outcome.withLock { $0 = error } }
            }
            // Leader, and busy: a part that returned before its turn would fail the group.
            #expect(try await LockWaits.until { worker.status.snapshot.leader && worker.status.snapshot.jobsCompleted > 500 })
            await group.triggerGracefulShutdown()
            let ended = await finishes(task, within: .seconds(20)) { worker.requestStop() }
            #expect(ended)
            #expect(outcome.withLock { $0 } == nil, "\(String(describing: outcome.withLock { $0 }))")
            let (running, available, leaders) = try await db.run { c in
                (try c.query("SELECT count(*) FROM jobs WHERE state = 'running'").scalar(Int.self),
                 try c.query("SELECT count(*) FROM jobs WHERE state = 'available'").scalar(Int.self),
                 try c.query("SELECT count(*) FROM leader_leases").scalar(Int.self))
            }
            #expect(running == 0)
            #expect(available > 0, "the worker finished everything before the shutdown; the test proves nothing")
            #expect(leaders == 0)
        }
    }

    @Test("a start gate opens or closes once for every waiter, and a cancelled wait is a no")
    func startGate() async {
        let opened = StartGate()
        async let early = opened.wait()
        try? await Task.sleep(for: .milliseconds(20))
        opened.open()
        opened.close()
        #expect(await early)
        #expect(await opened.wait())

        let closed = StartGate()
        closed.close()
        closed.open()
        #expect(await !closed.wait())

        let waiting = StartGate()
        let task = Task { await waiting.wait() }
        try? await Task.sleep(for: .milliseconds(20))
        task.cancel()
        #expect(await !task.value)
        let cancelledFirst = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await waiting.wait()
        }
        #expect(await !cancelledFirst.value)
    }
}
