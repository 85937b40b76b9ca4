import Foundation
import Postgres
import PortfolioJobs
import PortfolioStore
import Testing
import TestSupport

@Suite("Job queue")
struct JobQueueTests {
    static func insertNoops(_ c: Connection, count: Int) throws {
        try c.query("INSERT INTO jobs (kind) SELECT 'noop' FROM generate_series(1, $1)", count)
    }

    @Test("four concurrent claimers over 10,000 jobs run each exactly once")
    func concurrentClaimers() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in try JobQueueTests.insertNoops(c, count: 10_000) }
            let claimedByWorker = try await withThrowingTaskGroup(of: [Int].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var mine: [Int] = []
                        while true {
                            let batch = try await db.run { c in
                                let jobs = try JobQueue(c).claim(owner: "w\(worker)", limit: 50, lease: .seconds(60))
                                try JobQueue(c).complete(jobs.map(\.claim), owner: "w\(worker)")
                                return jobs.map(\.id)
                            }
                            if batch.isEmpty { return mine }
                            mine += batch
                        }
                    }
                }
                return try await group.reduce(into: [[Int]]()) { $0.append($1) }
            }
            let all = claimedByWorker.flatMap { $0 }
            #expect(all.count == 10_000)
            #expect(Set(all).count == 10_000)
            #expect(claimedByWorker.filter { !$0.isEmpty }.count >= 2)
            let completed = try await db.run { c in try c.query("SELECT count(*) FROM jobs WHERE state = 'completed' AND attempt = 1").scalar(Int.self) }
            #expect(completed == 10_000)
        }
    }

    @Test("claims follow priority, then run time, and skip jobs not yet due")
    func ordering() async throws {
        try await TestDatabase.with { db in
            let ids = try await db.run { c -> [Int] in
                try c.query("""
                    INSERT INTO jobs (kind, priority, run_at) VALUES
                    ('noop', 5, now() - interval '3 minutes'), ('noop', -1, now() - interval '1 minute'),
                    ('noop', 0, now() - interval '2 minutes'), ('noop', -50, now() + interval '1 hour')
                    """)
                return try JobQueue(c).claim(owner: "w", limit: 10, lease: .seconds(60)).map(\.id)
            }
            #expect(ids == [2, 3, 1])
        }
    }

    @Test("backoff doubles, is capped and jitters within its share")
    func backoff() {
        let backoff = Backoff(base: 1, maximum: 60, jitter: 0.25)
        #expect(backoff.delay(afterAttempt: 1, random: 0) == 1)
        #expect(backoff.delay(afterAttempt: 2, random: 0) == 2)
        #expect(backoff.delay(afterAttempt: 5, random: 0) == 16)
        #expect(backoff.delay(afterAttempt: 7, random: 0) == 60)
        #expect(backoff.delay(afterAttempt: 100, random: 0) == 60)
        #expect(backoff.delay(afterAttempt: 3, random: 1) == 5)
        #expect(backoff.delay(afterAttempt: 3, random: 0.5) == 4.5)
        for attempt in 1...30 {
            let low = backoff.delay(afterAttempt: attempt, random: 0)
            let high = backoff.delay(afterAttempt: attempt, random: 1)
            #expect(high <= low * 1.25 + 0.000001)
            if attempt > 1 { #expect(low >= backoff.delay(afterAttempt: attempt - 1, random: 0)) }
        }
    }

    @Test("a failure retries after its delay and is discarded after the maximum, keeping the last error")
    func retryThenDiscard() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("INSERT INTO jobs (kind, max_attempts) VALUES ('noop', 3)")
                let queue = JobQueue(c)
                for attempt in 1...3 {
                    let job = try #require(try queue.claim(owner: "w", limit: 1, lease: .seconds(60)).first)
                    #expect(job.attempt == attempt)
                    let outcome = try queue.fail(job.claim, owner: "w", error: "boom \(attempt)", delay: .seconds(3600))
                    #expect(outcome == (attempt < 3 ? .retrying : .discarded))
                    if attempt < 3 {
                        // Not due for an hour: nothing to claim until it is.
                        #expect(try queue.claim(owner: "w", limit: 1, lease: .seconds(60)).isEmpty)
                        let delay = try c.query("SELECT extract(epoch FROM run_at - now())::int FROM jobs").scalar(Int.self)
                        #expect((3590...3600).contains(delay))
                        try c.query("UPDATE jobs SET run_at = now()")
                    }
                }
                let row = try #require(try queue.list().first)
                #expect(row.state == .discarded)
                #expect(row.lastError == "boom 3")
            }
        }
    }

    @Test("a permanent failure is discarded at once; a snooze does not use up an attempt")
    func permanentAndSnooze() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("INSERT INTO jobs (kind, max_attempts) VALUES ('noop', 5), ('noop', 1)")
                let queue = JobQueue(c)
                let first = try #require(try queue.claim(owner: "w", limit: 1, lease: .seconds(60)).first)
                #expect(try queue.fail(first.claim, owner: "w", error: "bad args", delay: .zero, permanent: true) == .discarded)
                let second = try #require(try queue.claim(owner: "w", limit: 1, lease: .seconds(60)).first)
                #expect(try queue.fail(second.claim, owner: "w", error: "later", delay: .zero, snooze: true) == .retrying)
                let again = try #require(try queue.claim(owner: "w", limit: 1, lease: .seconds(60)).first)
                #expect(again.id == second.id)
                #expect(again.attempt == 1)
            }
        }
    }

    @Test("a waiting job with the same key absorbs new ones, but not once it has started")
    func uniqueCoalescing() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let ids = try JobInserter.enqueue(c, (0..<1000).map { _ in JobRequest.rollupAfterChange() })
                #expect(ids.count == 1)
                #expect(try c.query("SELECT count(*) FROM jobs").scalar(Int.self) == 1)
                let running = try #require(try JobQueue(c).claim(owner: "w", limit: 1, lease: .seconds(60)).first)
                // A change after the rollup started needs another rollup.
                #expect(try JobInserter.enqueue(c, [.rollupAfterChange()]).count == 1)
                #expect(try JobInserter.enqueue(c, [.rollupAfterChange()]).isEmpty)
                // The running one failing cannot come back beside the waiting one: it is superseded.
                #expect(try JobQueue(c).fail(running.claim, owner: "w", error: "x", delay: .zero) == .superseded)
                #expect(try c.query("SELECT count(*) FROM jobs WHERE state = 'available'").scalar(Int.self) == 1)
            }
        }
    }

    @Test("scheduled jobs wait for their time")
    func scheduled() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try JobInserter.enqueue(c, [JobRequest(kind: "noop", runAt: Date().addingTimeInterval(3600))])
                #expect(try JobQueue(c).claim(owner: "w", limit: 10, lease: .seconds(60)).isEmpty)
                try c.query("UPDATE jobs SET run_at = now() - interval '1 second'")
                #expect(try JobQueue(c).claim(owner: "w", limit: 10, lease: .seconds(60)).count == 1)
            }
        }
    }

    @Test("an expired lease is rescued, and the old owner can no longer finish the job")
    func rescueFencesTheOldOwner() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("INSERT INTO jobs (kind) VALUES ('noop')")
                let queue = JobQueue(c)
                let job = try #require(try queue.claim(owner: "old", limit: 1, lease: .milliseconds(500)).first)
                // Not expired yet: the rescuer leaves it alone.
                #expect(try queue.rescue().isEmpty)
                try c.query("SELECT pg_sleep(0.6)")
                #expect(try queue.rescue() == [job.id])
                #expect(try queue.state(of: job.id) == .available)
                // The old owner's completion and failure are refused.
                #expect(try queue.complete([job.claim], owner: "old") == 0)
                #expect(try queue.fail(job.claim, owner: "old", error: "late", delay: .zero) == .notOwned)
                #expect(throws: JobError.leaseLost(job.id)) { try queue.completeFenced(job.claim, owner: "old") }
                let again = try #require(try queue.claim(owner: "new", limit: 1, lease: .seconds(60)).first)
                #expect(again.id == job.id)
                #expect(again.attempt == 2)
                #expect(try queue.complete([again.claim], owner: "new") == 1)
            }
        }
    }

    @Test("two expired jobs with one unique key: the first returns to the queue, the second is cancelled")
    func rescueSharedKey() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                // Two rollups with the same key can both run (the key holds only while waiting).
                try c.query("INSERT INTO jobs (kind, unique_key) VALUES ('rollup.take', 'rollup')")
                let queue = JobQueue(c)
                let first = try #require(try queue.claim(owner: "a", limit: 1, lease: .milliseconds(300)).first)
                try c.query("INSERT INTO jobs (kind, unique_key) VALUES ('rollup.take', 'rollup')")
                let second = try #require(try queue.claim(owner: "b", limit: 1, lease: .milliseconds(300)).first)
                try c.query("SELECT pg_sleep(0.4)")
                #expect(Set(try queue.rescue()) == [first.id, second.id])
                #expect(try queue.state(of: first.id) == .available)
                #expect(try queue.state(of: second.id) == .cancelled)
                #expect(try queue.rescue().isEmpty)
            }
        }
    }

    @Test("a heartbeat keeps a lease from expiring")
    func heartbeat() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("INSERT INTO jobs (kind) VALUES ('noop')")
                let queue = JobQueue(c)
                let claimed = try queue.claim(owner: "w", limit: 1, lease: .milliseconds(100)).map(\.claim)
                #expect(try queue.heartbeat(claimed, owner: "w", lease: .seconds(60)) == 1)
                try c.query("SELECT pg_sleep(0.2)")
                #expect(try queue.rescue().isEmpty)
            }
        }
    }

    @Test("finished jobs are pruned after their retention; cancel and retry work")
    func pruneCancelRetry() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("INSERT INTO jobs (kind) VALUES ('noop'), ('noop'), ('noop')")
                let queue = JobQueue(c)
                #expect(try queue.cancel(1, actor: "admin"))
                #expect(try queue.cancel(1, actor: "admin") == false)
                #expect(try queue.retry(1) != nil)
                #expect(try queue.state(of: 1) == .available)
                let jobs = try queue.claim(owner: "w", limit: 3, lease: .seconds(60))
                try queue.complete(jobs.map(\.claim), owner: "w")
                #expect(try queue.prune(olderThan: .seconds(3600)) == 0)
                try c.query("UPDATE jobs SET finished_at = now() - interval '2 hours'")
                #expect(try queue.prune(olderThan: .seconds(3600)) == 3)
            }
        }
    }

    @Test("a retried job keeps a run time still to come, runs now otherwise, and starts with no last error")
    func retryKeepsScheduledTime() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("INSERT INTO jobs (kind, run_at) VALUES ('noop', '2099-06-01T00:00:00Z'), ('noop', now() - interval '1 day')")
                let queue = JobQueue(c)
                #expect(try queue.cancel(1, actor: "admin"))
                #expect(try queue.cancel(2, actor: "admin"))
                #expect(try queue.list().allSatisfy { $0.lastError == "cancelled by admin" })
                let later = try #require(try queue.retry(1))
                #expect(later == Date(timeIntervalSince1970: 4_083_955_200))  // 2099-06-01T00:00:00Z
                let now = try #require(try queue.retry(2))
                #expect(abs(now.timeIntervalSinceNow) < 60)
                let rows = try queue.list()
                #expect(rows.allSatisfy { $0.state == .available && $0.lastError == nil && $0.attempt == 0 })
                // Only the one due now is claimed.
                #expect(try queue.claim(owner: "w", limit: 10, lease: .seconds(60)).map(\.id) == [2])
                #expect(try queue.retry(2) == nil)  // running: not finished, so not retried
                #expect(try queue.retry(99) == nil)
            }
        }
    }

    @Test("completion clears the errors of earlier attempts")
    func completionClearsLastError() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("INSERT INTO jobs (kind) VALUES ('noop')")
                let queue = JobQueue(c)
                let first = try #require(try queue.claim(owner: "w", limit: 1, lease: .seconds(60)).first)
                #expect(try queue.fail(first.claim, owner: "w", error: "boom", delay: .zero) == .retrying)
                #expect(try queue.list().first?.lastError == "boom")
                let second = try #require(try queue.claim(owner: "w", limit: 1, lease: .seconds(60)).first)
                try JobQueue(c).completeFenced(second.claim, owner: "w")
                let row = try #require(try queue.list().first)
                #expect(row.state == .completed)
                #expect(row.lastError == nil)
            }
        }
    }

    @Test("a job put back not before a time waits until then without using up an attempt")
    func notBefore() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("INSERT INTO jobs (kind, max_attempts) VALUES ('noop', 1)")
                let queue = JobQueue(c)
                let job = try #require(try queue.claim(owner: "w", limit: 1, lease: .seconds(60)).first)
                let until = Date(timeIntervalSince1970: 4_083_955_200)
                #expect(try queue.fail(job.claim, owner: "w", error: "not yet", delay: .zero, snooze: true, notBefore: until) == .retrying)
                let row = try #require(try queue.list().first)
                #expect(row.runAt == until)
                #expect(row.attempt == 0)
                #expect(try queue.claim(owner: "w", limit: 1, lease: .seconds(60)).isEmpty)
            }
        }
    }
}
