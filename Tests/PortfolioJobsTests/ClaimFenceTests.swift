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
    /// the same owner: the stale claim, what the rescue returned, and the current claim.
    static func staleAndCurrent(_ c: Connection, owner: String = "w") throws -> (stale: ClaimedJob, rescued: [Int], current: ClaimedJob?) {
        let queue = JobQueue(c)
        guard let stale = try queue.claim(owner: owner, limit: 1, lease: .seconds(3600)).first else {
            throw JobError.permanent("nothing to claim")
        }
        try c.query("UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE id = $1", stale.id)
        let rescued = try queue.rescue()
        return (stale, rescued, try queue.claim(owner: owner, limit: 1, lease: .seconds(3600)).first)
    }

    static func row(_ c: Connection, _ id: Int) throws -> (state: String, leaseSeconds: Int?)? {
        try c.query("SELECT state, round(extract(epoch FROM lease_expires_at - now()))::int FROM jobs WHERE id = $1", id).first.map {
            (try $0.decode(String.self, at: 0), try $0.decode(Int?.self, at: 1))
        }
    }

    /// The result of a call, or the error it threw, for expectations outside the connection's thread.
    static func outcome<T>(_ body: () throws -> T) -> Result<T, JobError> {
        do { return .success(try body()) } catch let error as JobError { return .failure(error) } catch { return .failure(.permanent("\(error)")) }
    }

    struct StaleObservations: Sendable {
        var rescued: [Int] = []
        var sameJob = false
        var heartbeat = -1
        var failPermanent = JobQueue.FailOutcome.discarded
        var failRetry = JobQueue.FailOutcome.retrying
        var snooze = JobQueue.FailOutcome.retrying
        var released = -1
        var completed = -1
        var completeFenced: Result<Void, JobError> = .success(())
        var afterStale: (state: String, leaseSeconds: Int?)?
        var currentHeartbeat = -1
        var afterHeartbeat: (state: String, leaseSeconds: Int?)?
        var currentCompleted = -1
        var finalState: JobState?
    }

    @Test("a stale claim of the same worker cannot complete, fail, discard, release or extend the attempt that replaced it")
    func sameOwnerStaleClaim() async throws {
        try await TestDatabase.with { db in
            let seen = try await db.run { c -> StaleObservations in
                try c.query("INSERT INTO jobs (kind) VALUES ('noop')")
                let queue = JobQueue(c)
                var seen = StaleObservations()
                let (stale, rescued, claimed) = try ClaimFenceTests.staleAndCurrent(c)
                seen.rescued = rescued
                guard let current = claimed else { return seen }
                seen.sameJob = current.id == stale.id && current.claim != stale.claim
                // Only a little of the current lease is left, so an extension would show.
                try c.query("UPDATE jobs SET lease_expires_at = now() + interval '100 seconds' WHERE id = $1", current.id)
                seen.heartbeat = try queue.heartbeat([stale.claim], owner: "w", lease: .seconds(3600))
                seen.failPermanent = try queue.fail(stale.claim, owner: "w", error: "late", delay: .zero, permanent: true)
                seen.failRetry = try queue.fail(stale.claim, owner: "w", error: "late", delay: .zero)
                seen.snooze = try queue.fail(stale.claim, owner: "w", error: "later", delay: .zero, snooze: true)
                seen.released = try queue.release([stale.claim], owner: "w")
                seen.completed = try queue.complete([stale.claim], owner: "w")
                seen.completeFenced = ClaimFenceTests.outcome { try queue.completeFenced(stale.claim, owner: "w") }
                seen.afterStale = try ClaimFenceTests.row(c, current.id)
                // The current claim does all of it.
                seen.currentHeartbeat = try queue.heartbeat([current.claim], owner: "w", lease: .seconds(3600))
                seen.afterHeartbeat = try ClaimFenceTests.row(c, current.id)
                seen.currentCompleted = try queue.complete([current.claim], owner: "w")
                seen.finalState = try queue.state(of: current.id)
                return seen
            }
            #expect(seen.rescued == [1])
            #expect(seen.sameJob)
            #expect(seen.heartbeat == 0)
            #expect(seen.failPermanent == .notOwned)
            #expect(seen.failRetry == .notOwned)
            #expect(seen.snooze == .notOwned)
            #expect(seen.released == 0)
            #expect(seen.completed == 0)
            #expect(throws: JobError.leaseLost(1)) { try seen.completeFenced.get() }
            #expect(seen.afterStale?.state == "running")
            #expect((seen.afterStale?.leaseSeconds ?? 0) <= 100)
            #expect(seen.currentHeartbeat == 1)
            #expect((seen.afterHeartbeat?.leaseSeconds ?? 0) > 100)
            #expect(seen.currentCompleted == 1)
            #expect(seen.finalState == .completed)
        }
    }

    @Test("a cancelled and retried job claimed again has its first attempt number again, but never its old claim's token")
    func tokenNotReused() async throws {
        try await TestDatabase.with { db in
            let (first, again, fenced, failed, state, completed) = try await db.run { c in
                try c.query("INSERT INTO jobs (kind) VALUES ('noop')")
                let queue = JobQueue(c)
                let first = try queue.claim(owner: "w", limit: 1, lease: .seconds(3600)).first
                _ = try queue.cancel(1, actor: "admin")
                _ = try queue.retry(1)
                let again = try queue.claim(owner: "w", limit: 1, lease: .seconds(3600)).first
                let stale = first?.claim ?? JobClaim(id: 1, token: 0)
                let fenced = ClaimFenceTests.outcome { try queue.completeFenced(stale, owner: "w") }
                let failed = try queue.fail(stale, owner: "w", error: "late", delay: .zero, permanent: true)
                let state = try queue.state(of: 1)
                let completed = try again.map { try queue.complete([$0.claim], owner: "w") }
                return (first, again, fenced, failed, state, completed)
            }
            let claimed = try #require(first)
            let reclaimed = try #require(again)
            #expect(reclaimed.attempt == claimed.attempt)
            #expect(reclaimed.token != claimed.token)
            #expect(throws: JobError.leaseLost(1)) { try fenced.get() }
            #expect(failed == .notOwned)
            #expect(state == .running)
            #expect(completed == 1)
        }
    }

    @Test("dropping a stale claim keeps the claim another lane holds on the same job")
    func heldByClaim() {
        let held = HeldJobs()
        let stale = JobClaim(id: 7, token: 1)
        let current = JobClaim(id: 7, token: 2)
        held.hold([stale], lane: 0)
        held.hold([current, JobClaim(id: 8, token: 3)], lane: 1)
        held.drop(lane: 0)
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
            // The worker's own first maintenance pass (its leader's rescue) is over before the
            // lease is made to run out, so the test's rescue is the one that takes the job.
            #expect(try await LockWaits.until { worker.status.snapshot.checkedAt != nil })
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
            #expect(try await db.run { c in try JobQueue(c).state(of: id) } == .running)
            #expect(worker.held.current == [second])

            try await Blocking.run { _ = try gate.query("SELECT pg_advisory_unlock(7002)") }
            #expect(try await LockWaits.until { try await db.run { c in try JobQueue(c).state(of: id) } != .running })
            worker.requestStop()
            await running.value
            let (state, effects) = try await db.run { c in
                (try JobQueue(c).state(of: id), try c.query("SELECT attempt FROM gated_effects").map { try $0.decode(Int.self, at: 0) })
            }
            #expect(state == .completed)
            #expect(effects == [2])
            gate.close()
            await worker.pool.close()
        }
    }
}
