import Foundation
import Postgres
import PortfolioJobs
import PortfolioStore
import Testing
import TestSupport

@Suite("Leader election and periodic jobs")
struct LeaderTests {
    @Test("two workers elect one leader; when it stops renewing, the other takes over")
    func election() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let elector = LeaderElector(c)
                // A lease no stall of a loaded machine outlasts between two statements.
                #expect(try elector.acquireOrRenew(owner: "a", lease: .seconds(3)))
                #expect(try elector.acquireOrRenew(owner: "b", lease: .seconds(3)) == false)
                #expect(try elector.acquireOrRenew(owner: "a", lease: .seconds(3)))
                #expect(try elector.currentLeader() == "a")
                try c.query("SELECT pg_sleep(3.1)")
                #expect(try elector.acquireOrRenew(owner: "b", lease: .seconds(10)))
                #expect(try elector.acquireOrRenew(owner: "a", lease: .seconds(10)) == false)
                try elector.resign(owner: "b")
                #expect(try elector.acquireOrRenew(owner: "a", lease: .seconds(10)))
            }
        }
    }

    @Test("a period's job is inserted once however many leaders try")
    func periodicOnce() async throws {
        try await TestDatabase.with { db in
            let job = PeriodicJob(name: "rollup.take", interval: .seconds(3600)) { JobRequest.periodicRollup() }
            let now = Date()
            let inserted = try await withThrowingTaskGroup(of: Int?.self) { group in
                for worker in 0..<6 {
                    group.addTask { try await db.run { c in try job.insertIfDue(c, owner: "w\(worker)") } }
                }
                return try await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            #expect(inserted.compactMap { $0 }.count == 1)
            let (runs, jobs) = try await db.run { c in
                (try c.query("SELECT count(*) FROM periodic_runs").scalar(Int.self),
                 try c.query("SELECT count(*) FROM jobs WHERE kind = 'rollup.take'").scalar(Int.self))
            }
            #expect(runs == 1 && jobs == 1)
            // Even after the job finished, the same period is not inserted again.
            let again = try await db.run { c in
                try c.query("UPDATE jobs SET state = 'completed', finished_at = now()")
                return try job.insertIfDue(c, owner: "w9")
            }
            #expect(again == nil)
            #expect(job.periodStart(containing: now.addingTimeInterval(3600)) > job.periodStart(containing: now))
        }
    }

    @Test("the period is the database's: a worker whose clock is a period ahead inserts the database's period")
    func periodFromTheDatabaseClock() async throws {
        try await TestDatabase.with { db in
            let job = PeriodicJob(name: "rollup.take", interval: .seconds(1)) { JobRequest.periodicRollup() }
            let (databaseNow, workerNow, stored) = try await db.run { c in
                try c.transaction { c -> (Date, Date, Date) in
                    // now() is the transaction's start: holding the transaction open across a
                    // period boundary puts the database's clock a period behind this process's.
                    let databaseNow = try DatabaseClock.now(c)
                    try c.query("SELECT pg_sleep(1.2)")
                    let workerNow = Date()
                    #expect(try job.insertIfDue(c, owner: "skewed") != nil)
                    let stored = try c.query("SELECT period_start FROM periodic_runs").scalar(Date.self)
                    return (databaseNow, workerNow, stored)
                }
            }
            #expect(job.periodStart(containing: workerNow) > job.periodStart(containing: databaseNow), "the clocks are a period apart")
            #expect(stored == job.periodStart(containing: databaseNow))
        }
    }

    @Test("leaders with different intervals insert one job while a run of the name is in the period")
    func differentIntervals() async throws {
        try await TestDatabase.with { db in
            // Jobs without a unique key, so that each run inserts one.
            let daily = PeriodicJob(name: "noop", interval: .seconds(86_400)) { JobRequest(kind: "noop") }
            let inserted = try await db.run { c in
                try c.transaction { c -> [Int?] in
                    let now = try DatabaseClock.now(c)
                    // An interval whose period starts elsewhere than the daily one's (periods of
                    // 1 s and 2 s cannot both start at midnight unless now is then, and so on).
                    let other = try #require((1...100).lazy.map { seconds in
                        PeriodicJob(name: "noop", interval: .seconds(seconds)) { JobRequest(kind: "noop") }
                    }.first { $0.periodStart(containing: now) != daily.periodStart(containing: now) })
                    return [try daily.insertIfDue(c, owner: "a"), try other.insertIfDue(c, owner: "b")]
                }
            }
            #expect(inserted[0] != nil && inserted[1] == nil, "\(inserted)")
            let (runs, jobs) = try await db.run { c in
                (try c.query("SELECT count(*) FROM periodic_runs").scalar(Int.self),
                 try c.query("SELECT count(*) FROM jobs WHERE kind = 'noop'").scalar(Int.self))
            }
            #expect(runs == 1 && jobs == 1)
        }
    }
}
