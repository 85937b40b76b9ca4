import Foundation
import Logging
import Postgres
@testable import PortfolioJobs
import PortfolioCore
import PortfolioWorker
import PortfolioStore
import Synchronization
import Testing
import TestSupport

/// Work the worker does beyond the jobs themselves: handler runs after a failure in a shared
/// transaction, the maintenance loop's queue depth, and re-claims of a change that waits.
@Suite("Worker load")
struct WorkerLoadTests {
    static func worker(_ db: TestDatabase, handlers: [any JobHandler], poolSize: Int = 3, configure: (inout WorkerOptions) -> Void = { _ in }) -> Worker {
        var options = WorkerOptions(workerID: "load-\(UUID().uuidString.prefix(6))")
        options.concurrency = 1
        options.pollInterval = .milliseconds(50)
        configure(&options)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return Worker(pool: ConnectionPool(configuration: db.configuration, size: poolSize), options: options, handlers: handlers, logger: logger)
    }

    /// Counts its runs (those rolled back too); refuses jobs whose arguments say so.
    final class Counted: JobHandler {
        let kind = "counted"
        let isTransactional = true
        let sharesTransactions = true
        private let runs = Mutex(0)
        var count: Int { runs.withLock { $0 } }

        struct Args: Decodable { let n: Int; let refuse: Bool }

        func run(_ job: ClaimedJob, connection: Connection) throws {
            runs.withLock { $0 += 1 }
            let args = try job.decodeArgs(Args.self)
            try connection.query("INSERT INTO counted_effects VALUES ($1)", args.n)
            if args.refuse { throw JobError.permanent("job \(args.n) is refused") }
        }
    }

    @Test("a shared transaction that fails reruns only the jobs before the failure: 100 jobs, refusals at the given places",
          arguments: [([99], 200), ([10, 50, 90], 191)])
    func sharedRunHandlerRuns(refused: [Int], handlerRuns: Int) async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("CREATE TABLE counted_effects (n int)")
                try c.query(
                    "INSERT INTO jobs (kind, args) SELECT 'counted', jsonb_build_object('n', n, 'refuse', n = ANY($1::int[])) FROM generate_series(0, 99) n",
                    refused)
            }
            let handler = Counted()
            let worker = WorkerLoadTests.worker(db, handlers: [handler]) { $0.batchSize = 100 }
            let report = try await worker.runOnce()
            #expect(handler.count == handlerRuns)
            #expect(report.completed == 100 - refused.count)
            #expect(report.failed == refused.count)
            let (effects, discarded) = try await db.run { c in
                (try c.query("SELECT n FROM counted_effects ORDER BY n").map { try $0.decode(Int.self, at: 0) },
                 try c.query("SELECT (args->>'n')::int FROM jobs WHERE state = 'discarded' ORDER BY 1").map { try $0.decode(Int.self, at: 0) })
            }
            #expect(effects == (0..<100).filter { !refused.contains($0) })
            #expect(discarded == refused)
            await worker.pool.close()
        }
    }

    @Test("the maintenance loop counts due jobs without reading the finished ones")
    func queueDepthReadsWaitingJobsOnly() async throws {
        try await TestDatabase.with { db in
            let rowsRead = { @Sendable (c: Connection) throws -> Int in
                try c.query("SELECT pg_stat_force_next_flush()")
                return try c.query("SELECT seq_tup_read FROM pg_stat_user_tables WHERE relname = 'jobs'").scalar(Int.self)
            }
            let before = try await db.run { c in
                try c.query("INSERT INTO jobs (kind, state, finished_at) SELECT 'noop', 'completed', now() FROM generate_series(1, 20000)")
                // Three due jobs in a queue the worker does not work.
                try c.query("INSERT INTO jobs (kind) SELECT 'noop' FROM generate_series(1, 3)")
                try c.query("ANALYZE jobs")
                _ = try rowsRead(c)
                return try rowsRead(c)
            }
            // One connection for everything, so that its statistics can be flushed afterwards.
            let worker = WorkerLoadTests.worker(db, handlers: [NoopHandler()], poolSize: 1) {
                $0.queues = ["elsewhere"]
                $0.leaderLease = .seconds(3600)
            }
            let running = Task { await worker.run(listener: nil) }
            #expect(try await LockWaits.until { worker.status.snapshot.leader })
            worker.requestStop()
            await running.value
            #expect(worker.status.snapshot.queueDepth == 3)
            // The maintenance pass runs on a connection of its own: flush that one's statistics.
            _ = try await worker.maintenancePool.withConnection { c in try c.query("SELECT pg_stat_force_next_flush()") }
            _ = try await worker.pool.withConnection { c in try c.query("SELECT pg_stat_force_next_flush()") }
            await worker.closeConnections()
            await worker.pool.close()
            let after = try await db.run { c in try rowsRead(c) }
            #expect(after - before == 0)
        }
    }

    @Test("a change waiting for an earlier change in backoff is snoozed until that change's run time, not for a second")
    func snoozeUntilBlocker() async throws {
        try await TestDatabase.with { db in
            let today = LocalDate.today()
            let later = try await db.run { c -> Int in
                try WorkerTests.addProject(c)
                try c.query("DELETE FROM jobs")
                let then = try today.adding(days: -30)
                _ = try StatusStore(c).set(StatusChangeRequest(code: "P", status: .ongoing, effective: try today.adding(days: -20), actor: "t"), today: then)
                _ = try StatusStore(c).set(StatusChangeRequest(code: "P", status: .finished, effective: try today.adding(days: -10), actor: "t"), today: then)
                let ids = try StatusStore(c).pending("P").map(\.jobID)
                // The earlier change failed once and waits an hour for its retry.
                try c.query("UPDATE jobs SET run_at = now() + interval '1 hour', attempt = 1, last_error = 'boom' WHERE id = $1", ids[0])
                return ids[1]
            }
            let worker = WorkerLoadTests.worker(db, handlers: [StatusApplyHandler()])
            let (claimed, result) = try await worker.pool.withConnection { c in
                let claimed = try JobQueue(c).claim(owner: worker.options.workerID, limit: 10, lease: .seconds(60))
                return (claimed.map(\.id), try worker.process(claimed, on: c))
            }
            #expect(claimed == [later])
            #expect(result.failed == 0)
            let row = try await db.run { c in
                try c.query(
                    """
                    SELECT l.state, l.attempt, l.run_at >= e.run_at FROM jobs l, jobs e
                    WHERE l.id = $1 AND e.kind = 'status.apply' AND e.id <> l.id
                    """, later).first.map { (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1), try $0.decode(Bool.self, at: 2)) }
            }
            let (state, attempt, notBeforeBlocker) = try #require(row)
            #expect(state == "available")
            #expect(attempt == 0)
            #expect(notBeforeBlocker, "the snoozed change runs no earlier than the change it waits for")
            await worker.pool.close()
        }
    }
}
