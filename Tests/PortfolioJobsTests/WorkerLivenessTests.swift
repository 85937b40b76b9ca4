import Foundation
import Logging
import Postgres
@testable import PortfolioJobs
import PortfolioStore
import Testing
import TestSupport

/// Leases kept alive while lanes finish, and a worker that notices a database that stopped
/// answering and recovers when it answers again.
@Suite("Worker liveness")
struct WorkerLivenessTests {
    /// A job that waits for an advisory lock the test holds, then completes.
    struct Gate: JobHandler {
        static let key = 77_001
        let kind = "gate"
        let isTransactional = false
        func run(_ job: ClaimedJob, connection: Connection) throws {
            try connection.query("SELECT pg_advisory_lock($1)", Gate.key)
            try connection.query("SELECT pg_advisory_unlock($1)", Gate.key)
        }
    }

    static func worker(_ configuration: ConnectionConfiguration, lease: Duration = .seconds(1), timeout: Duration = .seconds(1)) -> Worker {
        var options = WorkerOptions(workerID: "live-\(UUID().uuidString.prefix(6))")
        options.concurrency = 1
        options.lease = lease
        options.pollInterval = .milliseconds(50)
        options.leaderLease = .milliseconds(1500)
        options.databaseTimeout = timeout
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return Worker(pool: ConnectionPool(configuration: configuration, size: 1), options: options, handlers: [Gate()], logger: logger)
    }

    /// Waits until `condition` holds, for at most `limit` (generous: the machines are shared).
    static func eventually(_ limit: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

    /// A gate job queued while the test holds its lock, and a worker for it. The tests using it
    /// are about renewal, not timeouts: the database timeout is one no stall reaches. In a test
    /// process running the whole suite on two cores, the worker's tasks can wait tens of seconds
    /// for a thread; a deadline measured across such a wait would count the database
    /// unreachable and give the batch up, which is right for a worker and beside the point
    /// here. The lease (6 s, renewed every 2 s): three renewals take more than a lease.
    static func gatedJob(_ db: TestDatabase) async throws -> (lock: ConnectionPool, worker: Worker) {
        let lock = ConnectionPool(configuration: db.configuration, size: 1)
        _ = try await lock.withConnection { c in try c.query("SELECT pg_advisory_lock($1)", Gate.key) }
        _ = try await db.run { c in try c.query("INSERT INTO jobs (kind) VALUES ('gate')") }
        return (lock, worker(db.configuration, lease: .seconds(6), timeout: .seconds(600)))
    }

    static func close(_ worker: Worker, _ lock: ConnectionPool) async {
        await worker.closeConnections()
        await worker.pool.close()
        await lock.close()
    }

    static func lease(_ db: TestDatabase) async throws -> Date? {
        try await db.run { c in try c.query("SELECT lease_expires_at FROM jobs WHERE kind = 'gate'").first?.decode(Date?.self, at: 0) }
    }

    @Test("a stopping worker renews the lease of the job in hand until its lane returns")
    func heartbeatAfterStop() async throws {
        try await TestDatabase.with { db in
            let (lock, worker) = try await WorkerLivenessTests.gatedJob(db)
            let running = Task { await worker.run(listener: nil) }
            #expect(try await WorkerLivenessTests.eventually {
                try await db.run { c in try JobQueue(c).state(of: 1) } == .running
            })
            worker.requestStop()
            let atStop = try #require(try await WorkerLivenessTests.lease(db))
            let beats = worker.status.snapshot.heartbeats
            #expect(try await WorkerLivenessTests.eventually(.seconds(120)) { worker.status.snapshot.heartbeats >= beats + 3 },
                    "heartbeats after the stop: \(worker.status.snapshot.heartbeats - beats); \(worker.status.snapshot)")
            let later = try #require(try await WorkerLivenessTests.lease(db))
            #expect(later > atStop)
            _ = try await lock.withConnection { c in try c.query("SELECT pg_advisory_unlock($1)", Gate.key) }
            await running.value
            let (state, attempt) = try await db.run { c in
                try c.query("SELECT state, attempt FROM jobs").map { (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1)) }.first ?? ("", 0)
            }
            #expect(state == "completed")
            #expect(attempt == 1)
            await WorkerLivenessTests.close(worker, lock)
        }
    }

    @Test("a first batch is kept while only its claim has heard from the database: not yet checked is not unreachable")
    func slowStartKeepsFirstBatch() async throws {
        try await TestDatabase.with { db in
            // The maintenance pass waits on the leader table, and every heartbeat (an update of a
            // running job that leaves it running) on an advisory lock, from the start: nothing
            // but the claim hears from the database.
            _ = try await db.run { c in
                try c.execute(script: """
                    CREATE FUNCTION hold_heartbeat() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_advisory_xact_lock(77002); RETURN NEW; END $$;
                    CREATE TRIGGER hold_heartbeat BEFORE UPDATE ON jobs FOR EACH ROW
                    WHEN (OLD.state = 'running' AND NEW.state = 'running') EXECUTE FUNCTION hold_heartbeat();
                    """)
            }
            // Two sessions, so the heartbeat can be let go while the maintenance pass (whose
            // rescue would find the lease a stalled heartbeat let expire) still waits.
            let tableLock = try Connection(configuration: db.configuration)
            let heartbeatLock = try Connection(configuration: db.configuration)
            try await Blocking.run {
                try tableLock.execute(script: "BEGIN; LOCK TABLE leader_leases IN ACCESS EXCLUSIVE MODE")
                try heartbeatLock.execute(script: "BEGIN; SELECT pg_advisory_xact_lock(77002)")
            }
            let lock = ConnectionPool(configuration: db.configuration, size: 1)
            _ = try await lock.withConnection { c in try c.query("SELECT pg_advisory_lock($1)", Gate.key) }
            _ = try await db.run { c in try c.query("INSERT INTO jobs (kind) VALUES ('gate')") }
            // A database timeout no stall of a loaded machine reaches: past it, the blocked passes
            // would rightly count the database unreachable, and that is another test.
            let worker = WorkerLivenessTests.worker(db.configuration, lease: .seconds(1), timeout: .seconds(600))
            let running = Task { await worker.run(listener: nil) }
            #expect(try await WorkerLivenessTests.eventually {
                try await db.run { c in try JobQueue(c).state(of: 1) } == .running
            })
            // The lane waits for the gate, the maintenance pass for the table, the heartbeat for its lock.
            #expect(try await LockWaits.until { try await LockWaits.count(db) >= 3 }, "lane, maintenance and heartbeat all wait")
            #expect(worker.status.snapshot.heartbeats == 0)
            // Three leases unrenewed: a watch that took "not yet checked" for "unreachable" has
            // given the batch up by now (it looks every quarter lease).
            try await Task.sleep(for: .seconds(3))
            #expect(worker.status.snapshot.batchesGivenUp == 0)
            #expect(try await db.run { c in try JobQueue(c).state(of: 1) } == .running)
            _ = try await lock.withConnection { c in try c.query("SELECT pg_advisory_unlock($1)", Gate.key) }
            try await Blocking.run { try heartbeatLock.execute(script: "COMMIT") }
            #expect(try await WorkerLivenessTests.eventually(.seconds(120)) {
                try await db.run { c in try JobQueue(c).state(of: 1) } == .completed
            })
            try await Blocking.run { try tableLock.execute(script: "COMMIT") }
            tableLock.close()
            heartbeatLock.close()
            #expect(try await db.run { c in try c.query("SELECT attempt FROM jobs").scalar(Int.self) } == 1)
            worker.requestStop()
            await running.value
            await WorkerLivenessTests.close(worker, lock)
        }
    }

    @Test("--once renews leases too: a job that outlives its lease is not rescued beside it")
    func heartbeatWithOnce() async throws {
        try await TestDatabase.with { db in
            let (lock, worker) = try await WorkerLivenessTests.gatedJob(db)
            let running = Task { try await worker.runOnce() }
            #expect(try await WorkerLivenessTests.eventually {
                try await db.run { c in try JobQueue(c).state(of: 1) } == .running
            })
            let claimed = try #require(try await WorkerLivenessTests.lease(db))
            #expect(try await WorkerLivenessTests.eventually(.seconds(120)) { worker.status.snapshot.heartbeats >= 3 }, "\(worker.status.snapshot)")
            // More than a lease after the claim, the lease still holds: a rescuer finds nothing.
            let later = try #require(try await WorkerLivenessTests.lease(db))
            #expect(later > claimed)
            let rescued = try await db.run { c in try JobQueue(c).rescue() }
            #expect(rescued.isEmpty)
            _ = try await lock.withConnection { c in try c.query("SELECT pg_advisory_unlock($1)", Gate.key) }
            let report = try await running.value
            #expect(report.completed == 1)
            #expect(try await db.run { c in try c.query("SELECT attempt FROM jobs").scalar(Int.self) } == 1)
            await WorkerLivenessTests.close(worker, lock)
        }
    }

    @Test("a database that stops answering is reported unreachable, the stuck batch is given up, and the worker recovers")
    func blackholedDatabase() async throws {
        try await TestDatabase.with { db in
            let proxy = try TCPProxy(to: TestCluster.port)
            defer { proxy.stop() }
            let through = try ConnectionConfiguration(
                "postgresql://postgres@127.0.0.1:\(proxy.port)/\(db.name)?connect_timeout=2&sslmode=disable&gssencmode=disable")
            let lock = ConnectionPool(configuration: db.configuration, size: 1)
            _ = try await lock.withConnection { c in try c.query("SELECT pg_advisory_lock($1)", Gate.key) }
            let worker = WorkerLivenessTests.worker(through)
            let running = Task { await worker.run(listener: nil) }
            #expect(try await WorkerLivenessTests.eventually { worker.status.snapshot.checkedAt != nil && worker.status.snapshot.databaseReachable })
            _ = try await db.run { c in try c.query("INSERT INTO jobs (kind) VALUES ('gate')") }
            #expect(try await WorkerLivenessTests.eventually {
                try await db.run { c in try JobQueue(c).state(of: 1) } == .running
            })

            proxy.blackhole()
            #expect(try await WorkerLivenessTests.eventually { !worker.status.snapshot.databaseReachable }, "noticed the silent database")
            // The lane does not wait on the silent connection for ever: once its lease has gone
            // unrenewed it gives the batch up, while the link is still down.
            #expect(try await WorkerLivenessTests.eventually { worker.status.snapshot.batchesGivenUp >= 1 })

            proxy.restore()
            _ = try await lock.withConnection { c in try c.query("SELECT pg_advisory_unlock($1)", Gate.key) }
            #expect(try await WorkerLivenessTests.eventually(.seconds(60)) {
                try await db.run { c in try JobQueue(c).state(of: 1) } == .completed
            }, "the job was rescued and run again")
            #expect(try await WorkerLivenessTests.eventually { worker.status.snapshot.databaseReachable })
            worker.requestStop()
            await running.value
            await WorkerLivenessTests.close(worker, lock)
        }
    }
}
