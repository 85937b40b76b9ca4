import Foundation
import Logging
import Postgres
@testable import PortfolioJobs
import PortfolioCore
import PortfolioWorker
import PortfolioStore
import Testing
import TestSupport

@Suite("A burst of changes makes one change-triggered rollup")
struct RollupCoalescingTests {
    static func worker(_ db: TestDatabase, concurrency: Int, batchSize: Int, rollups: RollupTakeHandler) -> Worker {
        var options = WorkerOptions(workerID: "burst-\(UUID().uuidString.prefix(6))")
        options.concurrency = concurrency
        options.batchSize = batchSize
        options.pollInterval = .milliseconds(100)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return Worker(pool: ConnectionPool(configuration: db.configuration, size: concurrency + 2), options: options,
                      handlers: [StatusApplyHandler(), rollups], logger: logger)
    }

    /// Adds `count` ongoing projects, B0…, and takes a first snapshot.
    static func projects(_ db: TestDatabase, count: Int) async throws {
        try await db.run { c in
            for index in 0..<count {
                let project = try ProjectDraft(code: "B\(index)", name: "B", sector: "energy", status: "ongoing", value: "100",
                                               currency: "USD", valueDate: "2024-01-01", lenders: "Bank of China").validate()
                _ = try ProjectStore(c).add(project, actor: "t")
            }
            try c.query("DELETE FROM jobs")
            _ = try RollupStore(c).take(trigger: .manual, asOf: LocalDate.today())
        }
    }

    static func changeSnapshots(_ db: TestDatabase) async throws -> [Int] {
        try await db.run { c in
            try c.query("SELECT deltas_applied FROM rollup_snapshots WHERE trigger = 'change' ORDER BY id").map { try $0.decode(Int.self, at: 0) }
        }
    }

    /// Runs `worker` until no status change and no rollup is pending, then stops it.
    static func drain(_ db: TestDatabase, _ worker: Worker, after start: () async throws -> Void) async throws {
        let task = Task { await worker.run(listener: nil) }
        try await start()
        let deadline = ContinuousClock.now + .seconds(120)
        var pending = 1
        while ContinuousClock.now < deadline {
            pending = try await db.run { c in
                try c.query("SELECT count(*) FROM jobs WHERE state IN ('available', 'running')").scalar(Int.self)
            }
            if pending == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(pending == 0, "jobs still pending when the worker was stopped")
        worker.requestStop()
        await task.value
        await worker.pool.close()
    }

    @Test("an imported burst, applied by four lanes in small batches, makes one snapshot of every change")
    func importedBurst() async throws {
        try await TestDatabase.with { db in
            try await Self.projects(db, count: 300)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("burst-\(UUID()).csv")
            try Data(("code,status,effective_date,note,key\n" + (0..<300).map { "B\($0),suspended,2025-06-01,,k\($0)\n" }.joined()).utf8)
                .write(to: file)
            // A maximum wait no loaded machine reaches while 300 changes are applied: the rule
            // under test is the wait for due changes (the maximum has a test of its own).
            let worker = Self.worker(db, concurrency: 4, batchSize: 10, rollups: RollupTakeHandler(maximumWait: .seconds(120)))
            try await Self.drain(db, worker) {
                _ = try await db.run { c in try StatusImporter(c).importFile(path: file.path, actor: "t") }
            }
            let snapshots = try await Self.changeSnapshots(db)
            #expect(snapshots == [300], "changes folded by each change-triggered snapshot: \(snapshots)")
        }
    }

    @Test("changes made one at a time within the minimum age share one snapshot")
    func separateChanges() async throws {
        try await TestDatabase.with { db in
            try await Self.projects(db, count: 5)
            // A minimum age well beyond the time five commands take on a loaded machine (the
            // rule under test is the same at 1 s, the daemon's setting).
            let worker = Self.worker(db, concurrency: 2, batchSize: 10, rollups: RollupTakeHandler(minimumAge: .seconds(5)))
            try await Self.drain(db, worker) {
                for index in 0..<5 {
                    _ = try await db.run { c in
                        try StatusStore(c).set(StatusChangeRequest(code: "B\(index)", status: .suspended, effective: LocalDate.today(), actor: "t"),
                                               today: LocalDate.today())
                    }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            #expect(try await Self.changeSnapshots(db) == [5])
        }
    }

    @Test("a rollup waits while a status change runs, but no longer than its maximum wait")
    func maximumWait() async throws {
        try await TestDatabase.with { db in
            try await Self.projects(db, count: 1)
            // A status change some other worker is applying, for as long as the test lasts.
            try await db.run { c in
                try c.query("""
                    INSERT INTO jobs (kind, queue, state, owner, attempt, lease_expires_at, args)
                    VALUES ('status.apply', 'status', 'running', 'elsewhere', 1, now() + interval '1 hour', '{}')
                    """)
                _ = try StatusStore(c).set(StatusChangeRequest(code: "B0", status: .suspended, effective: LocalDate.today(), actor: "t"),
                                           today: LocalDate.today())
            }
            let patient = Self.worker(db, concurrency: 1, batchSize: 10, rollups: RollupTakeHandler(maximumWait: .seconds(30)))
            let task = Task { await patient.run(listener: nil) }
            try await Task.sleep(for: .milliseconds(1500))
            patient.requestStop()
            await task.value
            await patient.pool.close()
            #expect(try await Self.changeSnapshots(db) == [], "the rollup did not wait for the running change")

            let impatient = Self.worker(db, concurrency: 1, batchSize: 10, rollups: RollupTakeHandler(maximumWait: .milliseconds(200)))
            let start = ContinuousClock.now
            let second = Task { await impatient.run(listener: nil) }
            while try await Self.changeSnapshots(db).isEmpty, ContinuousClock.now - start < .seconds(10) {
                try await Task.sleep(for: .milliseconds(50))
            }
            impatient.requestStop()
            await second.value
            await impatient.pool.close()
            #expect(try await Self.changeSnapshots(db) == [1])
        }
    }

    @Test("a snapshot cancels the change rollup enqueued while it was claimed: it would find nothing new")
    func absorbs() async throws {
        try await TestDatabase.with { db in
            try await Self.projects(db, count: 2)
            let handler = RollupTakeHandler()
            let (claimed, laterID) = try await db.run { c -> (ClaimedJob, Int) in
                _ = try StatusStore(c).set(StatusChangeRequest(code: "B0", status: .suspended, effective: LocalDate.today(), actor: "t"),
                                           today: LocalDate.today())
                let claimed = try #require(try JobQueue(c).claim(owner: "me", limit: 10, lease: .seconds(30)).first)
                // A change commits while the first rollup runs: its rollup job is a new one.
                _ = try StatusStore(c).set(StatusChangeRequest(code: "B1", status: .suspended, effective: LocalDate.today(), actor: "t"),
                                           today: LocalDate.today())
                let later = try c.query("SELECT id FROM jobs WHERE kind = 'rollup.take' AND state = 'available'").scalar(Int.self)
                try c.transaction { t in
                    try handler.run(claimed, connection: t)
                    try JobQueue(t).completeFenced(claimed.claim, owner: "me")
                }
                return (claimed, later)
            }
            #expect(try await Self.changeSnapshots(db) == [2])
            let states = try await db.run { c in
                try c.query("SELECT id, state FROM jobs WHERE kind = 'rollup.take' ORDER BY id").map {
                    "\(try $0.decode(Int.self, at: 0)) \(try $0.decode(String.self, at: 1))"
                }
            }
            #expect(states == ["\(claimed.id) completed", "\(laterID) cancelled"])
        }
    }

    @Test("two rollups put back at once: the second is superseded instead of failing its lane")
    func putBackTogether() async throws {
        struct Snoozing: JobHandler {
            let kind = "rollup.take"
            let isTransactional = true
            func run(_ job: ClaimedJob, connection: Connection) throws { throw JobError.snooze(seconds: 1, reason: "later") }
        }
        try await TestDatabase.with { db in
            let (first, second) = try await db.run { c -> (ClaimedJob, ClaimedJob) in
                try JobInserter.enqueue(c, [.rollupAfterChange()])
                let first = try #require(try JobQueue(c).claim(owner: "me", limit: 1, lease: .seconds(30)).first)
                try JobInserter.enqueue(c, [.rollupAfterChange()])
                let second = try #require(try JobQueue(c).claim(owner: "other", limit: 1, lease: .seconds(30)).first)
                return (first, second)
            }
            // The other worker puts its rollup back in a transaction that commits a moment later
            // (on a thread of its own: libpq blocks).
            let other = try Connection(configuration: db.configuration)
            await withCheckedContinuation { (updated: CheckedContinuation<Void, Never>) in
                Thread {
                    _ = try? other.query("BEGIN")
                    _ = try? JobQueue(other).fail(second.claim, owner: "other", error: "later", delay: .seconds(1), snooze: true)
                    updated.resume()
                    Thread.sleep(forTimeInterval: 0.3)
                    _ = try? other.query("COMMIT")
                }.start()
            }
            var options = WorkerOptions(workerID: "me")
            options.concurrency = 1
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let worker = Worker(pool: ConnectionPool(configuration: db.configuration, size: 2), options: options, handlers: [Snoozing()], logger: logger)
            let result = try await worker.pool.withConnection { c in try worker.process([first], on: c) }
            #expect(result.failed == 0)
            let states = try await db.run { c in
                try c.query("SELECT state FROM jobs ORDER BY id").map { try $0.decode(String.self, at: 0) }
            }
            #expect(states == ["cancelled", "available"])
            other.close()
            await worker.pool.close()
        }
    }
}
