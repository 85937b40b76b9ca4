import Foundation
import Testing
import TestSupport

/// `status import` queues a file's changes when every row can apply, in effective-date order.
@Suite("status import counts what it queues, end to end")
struct StatusImportCountTests {
    @Test("a walk written out of date order is queued whole, counted once, and applied in date order")
    func outOfOrderWalk() async throws {
        try await TemporaryFolder.with { folder in
            try await withSampleDatabase { _, cli in
                let file = try folder.write("changes.csv", """
                    code,status,effective_date,note,key
                    ILL-EN-08,finished,2025-02-01,done,w2
                    ILL-EN-08,ongoing,2025-01-01,,w1
                    ILL-EN-09,committed,2025-01-01,,w3

                    """)
                let first = try await cli.run(["status", "import", file])
                expectSuccess(first, "import")
                #expect(first.stdout == "queued 3 status changes for the worker (0 seen before, skipped)\n")
                let again = try await cli.run(["status", "import", file])
                expectSuccess(again, "import again")
                #expect(again.stdout == "queued 0 status changes for the worker (3 seen before, skipped)\n")
                let worker = try await ExecutableRun.run("portfolio-worker", ["--once", "--http-address", "off"], environment: cli.environment)
                #expect(worker.status == 0, "\(worker.summary)")
                let history = try jsonObject(try await cli.succeed(["status", "history", "ILL-EN-08", "--format", "json"]).stdout)
                let entries = try #require(history["history"] as? [[String: Any]])
                #expect(entries.map { $0["to"] as? String } == ["committed", "ongoing", "finished"])
                let after = try await cli.run(["status", "import", file])
                #expect(after.stdout == "queued 0 status changes for the worker (3 seen before, skipped)\n", "\(after.summary)")
            }
        }
    }
}
