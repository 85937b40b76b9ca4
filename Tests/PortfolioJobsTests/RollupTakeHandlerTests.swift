import Foundation
import Postgres
import PortfolioCore
import PortfolioWorker
import PortfolioJobs
import PortfolioStore
import Testing
import TestSupport

@Suite("The rollup handler's date")
struct RollupTakeHandlerTests {
    @Test("a rollup taken by a worker is as of the database's date in UTC, the day of its taken_at")
    func asOfTheDatabaseDate() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(
                    try ProjectDraft(code: "A", name: "A", sector: "energy", status: "ongoing", value: "100", currency: "USD",
                                     valueDate: "2024-01-01", lenders: "Bank of China").validate(), actor: "t")
                try c.query("DELETE FROM jobs")
                _ = try c.transaction { c in try JobInserter.enqueue(c, [.manualRollup()]) }
            }
            let worker = WorkerTests.worker(db)
            _ = try await worker.runOnce()
            await worker.pool.close()
            let (asOf, takenOn) = try await db.run { c in
                let row = try #require(try c.query("SELECT as_of::text, (taken_at AT TIME ZONE 'UTC')::date::text FROM rollup_snapshots").first)
                return (try row.decode(String.self, at: 0), try row.decode(String.self, at: 1))
            }
            #expect(asOf == takenOn)
        }
    }
}
