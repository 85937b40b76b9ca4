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
                #expect(try elector.acquireOrRenew(owner: "a", lease: .milliseconds(300)))
                #expect(try elector.acquireOrRenew(owner: "b", lease: .milliseconds(300)) == false)
                #expect(try elector.acquireOrRenew(owner: "a", lease: .milliseconds(300)))
                #expect(try elector.currentLeader() == "a")
                try c.query("SELECT pg_sleep(0.4)")
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
                    group.addTask { try await db.run { c in try job.insertIfDue(c, owner: "w\(worker)", now: now) } }
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
                return try job.insertIfDue(c, owner: "w9", now: now)
            }
            #expect(again == nil)
            #expect(job.periodStart(containing: now.addingTimeInterval(3600)) > job.periodStart(containing: now))
        }
    }
}
