import Foundation
import Logging
import Postgres
import PortfolioCore
import PortfolioWorker
import PortfolioJobs
import PortfolioStore
import Testing
import TestSupport

@Suite("Worker")
struct WorkerTests {
    static func worker(_ db: TestDatabase, concurrency: Int = 2, handlers: [any JobHandler] = [NoopHandler(), StatusApplyHandler(), RollupTakeHandler()]) -> Worker {
        var options = WorkerOptions(workerID: "test-\(UUID().uuidString.prefix(6))")
        options.concurrency = concurrency
        options.batchSize = 50
        options.pollInterval = .milliseconds(50)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return Worker(pool: ConnectionPool(configuration: db.configuration, size: concurrency + 2), options: options, handlers: handlers, logger: logger)
    }

    @Test("runOnce drains every due job and leaves later ones")
    func once() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("INSERT INTO jobs (kind) SELECT 'noop' FROM generate_series(1, 2000)")
                try c.query("INSERT INTO jobs (kind, run_at) VALUES ('noop', now() + interval '1 day')")
            }
            let worker = WorkerTests.worker(db, concurrency: 3)
            let report = try await worker.runOnce()
            #expect(report.completed == 2000)
            let states = try await db.run { c in
                try c.query("SELECT state, count(*) FROM jobs GROUP BY state ORDER BY state").map { try "\($0.decode(String.self, at: 0))=\($0.decode(Int.self, at: 1))" }
            }
            #expect(states == ["available=1", "completed=2000"])
            await worker.pool.close()
        }
    }

    @Test("an unknown kind is discarded, a failing job retried, and nothing is left running")
    func failures() async throws {
        struct Flaky: JobHandler {
            let kind = "flaky"
            let isTransactional = true
            func run(_ job: ClaimedJob, connection: Connection) throws {
                try connection.query("CREATE TABLE IF NOT EXISTS flaky_effects (id int)")
                try connection.query("INSERT INTO flaky_effects VALUES (1)")
                throw JobError.retryable("not today")
            }
        }
        try await TestDatabase.with { db in
            _ = try await db.run { c in try c.query("INSERT INTO jobs (kind) VALUES ('mystery'), ('flaky')") }
            let worker = WorkerTests.worker(db, handlers: [Flaky()])
            let report = try await worker.runOnce()
            #expect(report.failed == 2)
            try await db.run { c in
                let rows = try JobQueue(c).list()
                #expect(rows.first { $0.kind == "mystery" }?.state == .discarded)
                let flaky = try #require(rows.first { $0.kind == "flaky" })
                #expect(flaky.state == .available)
                #expect(flaky.lastError == "not today")
                // The failed transactional job's effect was rolled back.
                #expect(try c.query("SELECT to_regclass('flaky_effects') IS NULL").scalar(Bool.self))
                #expect(try c.query("SELECT count(*) FROM jobs WHERE state = 'running'").scalar(Int.self) == 0)
            }
            await worker.pool.close()
        }
    }

    static func addProject(_ c: Connection, _ code: String = "P") throws {
        let project = try ProjectDraft(code: code, name: code, sector: "energy", status: "committed", value: "100",
                                       currency: "USD", valueDate: "2024-01-01", lenders: "Bank of China").validate()
        _ = try ProjectStore(c).add(project, actor: "t")
    }

    @Test("scheduled status changes whose day has come are applied, in effective-date order")
    func scheduledStatusChange() async throws {
        try await TestDatabase.with { db in
            let today = LocalDate.today()
            // Scheduled a month ago for dates that have come since.
            let then = try today.adding(days: -30)
            try await db.run { c in
                try WorkerTests.addProject(c)
                _ = try StatusStore(c).set(StatusChangeRequest(code: "P", status: .ongoing, effective: try today.adding(days: -20), actor: "t"), today: then)
                _ = try StatusStore(c).set(StatusChangeRequest(code: "P", status: .finished, effective: try today.adding(days: -10), actor: "t"), today: then)
                #expect(try StatusStore(c).pending("P").count == 2)
            }
            let worker = WorkerTests.worker(db, concurrency: 4)
            _ = try await worker.runOnce()
            let (status, history) = try await db.run { c in
                (try ProjectStore(c).require("P").status, try StatusStore(c).history("P"))
            }
            #expect(status == .finished)
            #expect(history.map(\.to) == [.committed, .ongoing, .finished])
            #expect(history.map(\.effective) == [try LocalDate.parse("2024-01-01"), try today.adding(days: -20), try today.adding(days: -10)])
            await worker.pool.close()
        }
    }

    @Test("a change made due before its effective date is put back until that date, not applied", arguments: ["moved", "retried"])
    func neverBeforeItsDate(how: String) async throws {
        try await TestDatabase.with { db in
            let today = LocalDate.today()
            let effective = try today.adding(days: 10)
            let jobID = try await db.run { c in
                try WorkerTests.addProject(c)
                let outcome = try StatusStore(c).set(StatusChangeRequest(code: "P", status: .ongoing, effective: effective, actor: "t"), today: today)
                guard case .scheduled(let jobID, _) = outcome else { throw JobError.permanent("not scheduled: \(outcome)") }
                if how == "moved" {
                    try c.query("UPDATE jobs SET run_at = now() - interval '1 second' WHERE id = $1", jobID)
                } else {
                    // Cancelled and retried: the retry keeps the job's time, so the job stays waiting.
                    #expect(try JobQueue(c).cancel(jobID, actor: "admin"))
                    #expect(try JobQueue(c).retry(jobID) == effective.startOfDay())
                    // Even when the time is then moved as well, the handler waits for the date.
                    try c.query("UPDATE jobs SET run_at = now() - interval '1 second' WHERE id = $1", jobID)
                }
                return jobID
            }
            let worker = WorkerTests.worker(db)
            let started = ContinuousClock.now
            let report = try await worker.runOnce()
            // --once does not wait ten days for it.
            #expect(ContinuousClock.now - started < .seconds(30))
            #expect(report.failed == 0)
            try await db.run { c in
                #expect(try ProjectStore(c).require("P").status == .committed)
                #expect(try StatusStore(c).history("P").map(\.to) == [.committed])
                let job = try #require(try JobQueue(c).list(kind: StatusStore.applyJobKind).first { $0.id == jobID })
                #expect(job.state == .available)
                #expect(job.runAt == effective.startOfDay())
                #expect(job.attempt == 0)
                #expect(job.lastError == "the change of P is effective on \(effective); it waits until then")
                #expect(try c.query("SELECT count(*) FROM audit_log WHERE action = 'status.set'").scalar(Int.self) == 0)
            }
            await worker.pool.close()
        }
    }

    @Test("status changes sharing a transaction: one refused change fails alone, the others apply once")
    func sharedTransactions() async throws {
        try await TestDatabase.with { db in
            let today = LocalDate.today()
            try await db.run { c in
                for index in 0..<30 {
                    let project = try ProjectDraft(code: "S\(index)", name: "S", sector: "energy", status: "committed", value: "100",
                                                   currency: "USD", valueDate: "2024-01-01", lenders: "Bank of China").validate()
                    _ = try ProjectStore(c).add(project, actor: "t")
                    // Scheduled ten days ago for five days ago: due now.
                    _ = try StatusStore(c).set(StatusChangeRequest(code: "S\(index)", status: .ongoing, effective: try today.adding(days: -5), actor: "t"),
                                               today: try today.adding(days: -10))
                }
                // Cancelled before its scheduled change's date: that change can no longer apply.
                _ = try StatusStore(c).apply(StatusChangeRequest(code: "S17", status: .cancelled, effective: try today.adding(days: -6), actor: "t"))
            }
            let worker = WorkerTests.worker(db, concurrency: 1)
            let report = try await worker.runOnce()
            #expect(report.completed >= 29)  // and the rollups the changes asked for
            #expect(report.failed == 1)
            try await db.run { c in
                // S17 is cancelled: its change is refused and discarded; every other applied exactly once.
                let applied = try c.query("SELECT count(*) FROM status_history WHERE to_status = 'ongoing'").scalar(Int.self)
                #expect(applied == 29)
                let audited = try c.query("SELECT count(*) FROM audit_log WHERE action = 'status.set'").scalar(Int.self)
                #expect(audited == 30)
                let discarded = try c.query("SELECT args->>'code' FROM jobs WHERE kind = 'status.apply' AND state = 'discarded'").map { try $0.decode(String.self, at: 0) }
                #expect(discarded == ["S17"])
                #expect(try ProjectStore(c).require("S17").status == .cancelled)
                #expect(try ProjectStore(c).require("S29").status == .ongoing)
            }
            await worker.pool.close()
        }
    }

    @Test("a rescued job's stale attempt finishing late, on the same worker, rolls back: the effect applies once, by the attempt holding the job")
    func effectOnce() async throws {
        try await TestDatabase.with { db in
            let (rescued, staleRun, effectsAfterStale, stateAfterStale, effects, state) = try await db.run { c in
                // An effect nothing deduplicates: each run that commits adds a row.
                try c.query("CREATE TABLE effects (job bigint, attempt int)")
                try c.query("INSERT INTO jobs (kind) VALUES ('effect')")
                let (stale, rescued, current) = try ClaimFenceTests.staleAndCurrent(c)
                func attempt(_ job: ClaimedJob) throws {
                    try c.transaction { t in
                        try t.query("INSERT INTO effects VALUES ($1, $2)", job.id, job.attempt)
                        try JobQueue(t).completeFenced(job.claim, owner: "w")
                    }
                }
                // The stale attempt finishes while the current one still runs.
                let staleRun = ClaimFenceTests.outcome { try attempt(stale) }
                let effectsAfterStale = try c.query("SELECT count(*) FROM effects").scalar(Int.self)
                let stateAfterStale = try JobQueue(c).state(of: stale.id)
                if let current { try attempt(current) }
                return (rescued, staleRun, effectsAfterStale, stateAfterStale,
                        try c.query("SELECT attempt FROM effects").map { try $0.decode(Int.self, at: 0) }, try JobQueue(c).state(of: stale.id))
            }
            #expect(rescued == [1])
            #expect(throws: JobError.leaseLost(1)) { try staleRun.get() }
            #expect(effectsAfterStale == 0)
            #expect(stateAfterStale == .running)
            #expect(effects == [2])
            #expect(state == .completed)
        }
    }

    @Test("a stop mid-batch returns the unstarted jobs and leaves none running")
    func stopMidBatch() async throws {
        struct Slow: JobHandler {
            let kind = "slow"
            let isTransactional = false
            func run(_ job: ClaimedJob, connection: Connection) throws { try connection.query("SELECT pg_sleep(0.02)") }
        }
        try await TestDatabase.with { db in
            _ = try await db.run { c in try c.query("INSERT INTO jobs (kind) SELECT 'slow' FROM generate_series(1, 400)") }
            let worker = WorkerTests.worker(db, handlers: [Slow()])
            let running = Task { await worker.run(listener: nil) }
            // Stop once some jobs are done, however loaded the machine is.
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline,
                  try await db.run({ c in try c.query("SELECT count(*) FROM jobs WHERE state = 'completed'").scalar(Int.self) }) == 0 {
                try await Task.sleep(for: .milliseconds(20))
            }
            worker.requestStop()
            await running.value
            let counts = try await db.run { c in
                try c.query("SELECT state, count(*) FROM jobs GROUP BY state").reduce(into: [String: Int]()) { $0[try $1.decode(String.self, at: 0)] = try $1.decode(Int.self, at: 1) }
            }
            #expect(counts["running"] == nil)
            #expect((counts["completed"] ?? 0) > 0)
            #expect((counts["available"] ?? 0) > 0)
            #expect((counts["completed"] ?? 0) + (counts["available"] ?? 0) == 400)
            let attempts = try await db.run { c in try c.query("SELECT count(*) FROM jobs WHERE state = 'available' AND attempt <> 0").scalar(Int.self) }
            #expect(attempts == 0)
            await worker.pool.close()
        }
    }

    @Test("the worker takes a rollup after changes and the sample adds up to 8 billion")
    func rollupJob() async throws {
        try await TestDatabase.with { db in
            let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Config/sample-portfolio.csv").path
            try await db.run { c in _ = try ProjectImporter(c).importFile(path: sample, existing: .skip, actor: "t") }
            _ = try await WorkerTests.worker(db).runOnce()
            let (total, count, trigger) = try await db.run { c in
                let row = try #require(try c.query("SELECT total_minor, project_count, trigger FROM rollup_snapshots").first)
                return (try row.decode(Int64.self, at: 0), try row.decode(Int.self, at: 1), try row.decode(String.self, at: 2))
            }
            #expect(total == 800_000_000_000)
            #expect(count == 32)
            #expect(trigger == "change")
        }
    }
}
