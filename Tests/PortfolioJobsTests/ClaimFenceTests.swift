import Foundation
import Logging
import Postgres
@testable import PortfolioJobs
import PortfolioStore
import Synchronization
import Testing
import TestSupport

/// Every state change of a running job is fenced by its claim (owner and token), not by the
/// worker alone: a stale attempt of the same worker cannot touch the attempt that replaced it.
@Suite("Claim fences")
struct ClaimFenceTests {
    /// Claims the one job as `owner`, makes its lease run out, rescues it and claims it again as
    /// the same owner: the stale claim and the current one.
    static func staleAndCurrent(_ c: Connection, owner: String = "w") throws -> (stale: ClaimedJob, current: ClaimedJob) {
        let queue = JobQueue(c)
        let stale = try #require(try queue.claim(owner: owner, limit: 1, lease: .seconds(3600)).first)
        try c.query("UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE id = $1", stale.id)
        #expect(try queue.rescue() == [stale.id])
        let current = try #require(try queue.claim(owner: owner, limit: 1, lease: .seconds(3600)).first)
        #expect(current.id == stale.id)
        #expect(current.claim != stale.claim)
        return (stale, current)
    }

    static func row(_ c: Connection, _ id: Int) throws -> (state: String, leaseSeconds: Int?) {
        let row = try #require(try c.query(
            "SELECT state, round(extract(epoch FROM lease_expires_at - now()))::int FROM jobs WHERE id = $1", id).first)
        return (try row.decode(String.self, at: 0), try row.decode(Int?.self, at: 1))
    }

    @Test("a stale claim of the same worker cannot complete, fail, discard, release or extend the attempt that replaced it")
    func sameOwnerStaleClaim() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("INSERT INTO jobs (kind) VALUES ('noop')")
                let queue = JobQueue(c)
                let (stale, current) = try ClaimFenceTests.staleAndCurrent(c)
                // Only a little of the current lease is left, so an extension would show.
                try c.query("UPDATE jobs SET lease_expires_at = now() + interval '100 seconds' WHERE id = $1", current.id)
                #expect(try queue.heartbeat([stale.claim], owner: "w", lease: .seconds(3600)) == 0)
                #expect(try queue.fail(stale.claim, owner: "w", error: "late", delay: .zero, permanent: true) == .notOwned)
                #expect(try queue.fail(stale.claim, owner: "w", error: "late", delay: .zero) == .notOwned)
                #expect(try queue.fail(stale.claim, owner: "w", error: "later", delay: .zero, snooze: true) == .notOwned)
                #expect(try queue.release([stale.claim], owner: "w") == 0)
                #expect(try queue.complete([stale.claim], owner: "w") == 0)
                #expect(throws: JobError.leaseLost(stale.id)) { try queue.completeFenced(stale.claim, owner: "w") }
                let untouched = try ClaimFenceTests.row(c, current.id)
                #expect(untouched.state == "running")
                #expect((untouched.leaseSeconds ?? 0) <= 100)
                // The current claim does all of it.
                #expect(try queue.heartbeat([current.claim], owner: "w", lease: .seconds(3600)) == 1)
                #expect((try ClaimFenceTests.row(c, current.id).leaseSeconds ?? 0) > 100)
                #expect(try queue.complete([current.claim], owner: "w") == 1)
                #expect(try queue.state(of: current.id) == "completed")
            }
        }
    }

    @Test("a cancelled and retried job claimed again has its first attempt number again, but never its old claim's token")
    func tokenNotReused() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("INSERT INTO jobs (kind) VALUES ('noop')")
                let queue = JobQueue(c)
                let first = try #require(try queue.claim(owner: "w", limit: 1, lease: .seconds(3600)).first)
                #expect(try queue.cancel(first.id, actor: "admin"))
                #expect(try queue.retry(first.id) != nil)
                let again = try #require(try queue.claim(owner: "w", limit: 1, lease: .seconds(3600)).first)
                #expect(again.attempt == first.attempt)
                #expect(again.token != first.token)
                #expect(throws: JobError.leaseLost(first.id)) { try queue.completeFenced(first.claim, owner: "w") }
                #expect(try queue.fail(first.claim, owner: "w", error: "late", delay: .zero, permanent: true) == .notOwned)
                #expect(try queue.state(of: first.id) == "running")
                #expect(try queue.complete([again.claim], owner: "w") == 1)
            }
        }
    }

    @Test("dropping a stale claim keeps the claim another lane holds on the same job")
    func heldByClaim() {
        let held = HeldJobs()
        let stale = JobClaim(id: 7, token: 1)
        let current = JobClaim(id: 7, token: 2)
        held.hold([stale])
        held.hold([current, JobClaim(id: 8, token: 3)])
        held.drop([stale])
        #expect(Set(held.current) == [current, JobClaim(id: 8, token: 3)])
    }

    /// Waits at the advisory lock `7000 + attempt` inside its transaction; the first attempt
    /// then gives up for good, a later one records its attempt.
    struct Gated: JobHandler {
        let kind = "gated"
        let isTransactional = true
        func run(_ job: ClaimedJob, connection: Connection) throws {
            try connection.query("SELECT pg_advisory_xact_lock($1)", 7000 + job.attempt)
            if job.attempt == 1 { throw JobError.permanent("the first attempt gives up") }
            try connection.query("INSERT INTO gated_effects (job, attempt) VALUES ($1, $2)", job.id, job.attempt)
        }
    }

    @Test("a stale lane cannot discard the attempt another lane of the same worker holds, nor stop its heartbeat")
    func staleLane() async throws {
        try await TestDatabase.with { db in
            // The gates, held by a session of the test's own.
            let gate = try Connection(configuration: db.configuration)
            let id = try await Blocking.run {
                try gate.query("CREATE TABLE gated_effects (job bigint, attempt int)")
                try gate.query("SELECT pg_advisory_lock(7001), pg_advisory_lock(7002)")
                return try gate.query("INSERT INTO jobs (kind) VALUES ('gated') RETURNING id").scalar(Int.self)
            }
            var options = WorkerOptions(workerID: "same")
            options.concurrency = 2
            options.batchSize = 1
            options.pollInterval = .milliseconds(20)
            // No lease runs out by itself and no rescue comes from the worker: the test does both.
            options.lease = .seconds(3600)
            options.leaderLease = .seconds(3600)
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let worker = Worker(pool: ConnectionPool(configuration: db.configuration, size: 4), options: options, handlers: [Gated()], logger: logger)
            let running = Task { await worker.run(listener: nil) }

            // Lane A's first attempt waits at its gate; its lease runs out, the job is rescued
            // and lane B of the same worker claims it again, then waits at its own gate.
            #expect(try await LockWaits.someoneWaits(db, advisoryKey: 7001))
            let rescued = try await Blocking.run {
                try gate.query("UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE id = $1", id)
                return try JobQueue(gate).rescue()
            }
            #expect(rescued == [id])
            #expect(try await LockWaits.someoneWaits(db, advisoryKey: 7002))
            // Both lanes hold a claim on the job: the stale one and lane B's, the job's own now.
            let token = try await db.run { c in try c.query("SELECT claim_token FROM jobs WHERE id = $1", id).scalar(Int.self) }
            let second = JobClaim(id: id, token: token)
            #expect(worker.held.current.count == 2)
            #expect(worker.held.current.contains(second))

            // Lane A goes on: its attempt gives up for good, which must leave lane B's alone.
            try await Blocking.run { _ = try gate.query("SELECT pg_advisory_unlock(7001)") }
            #expect(try await LockWaits.until { worker.status.snapshot.jobsFailed == 1 })
            #expect(try await db.run { c in try JobQueue(c).state(of: id) } == "running")
            #expect(worker.held.current == [second])

            try await Blocking.run { _ = try gate.query("SELECT pg_advisory_unlock(7002)") }
            #expect(try await LockWaits.until { try await db.run { c in try JobQueue(c).state(of: id) } != "running" })
            worker.requestStop()
            await running.value
            let (state, effects) = try await db.run { c in
                (try JobQueue(c).state(of: id), try c.query("SELECT attempt FROM gated_effects").map { try $0.decode(Int.self, at: 0) })
            }
            #expect(state == "completed")
            #expect(effects == [2])
            gate.close()
            await worker.pool.close()
        }
    }
}
