import Foundation
import Testing
import TestSupport

/// `tx import --queue`: transactions go through the queue, recorded by the worker once each.
@Suite("tx import --queue, end to end")
struct LedgerQueueTests {
    static let icbc = "Industrial and Commercial Bank of China"

    static func references(_ cli: PortfolioCLI) async throws -> [String] {
        try jsonArray(try await cli.succeed(["tx", "list", "ILL-MF-09", "--format", "json"]).stdout).compactMap { $0["ref"] as? String }
    }

    @Test("rows are checked and queued whole, the worker records each once, a second queueing skips them, and a refusal is discarded with its reason")
    func queued() async throws {
        try await TemporaryFolder.with { folder in
            try await withSampleDatabase { _, cli in
                let file = try folder.write("queued.csv", """
                    code,type,lender,amount,currency,date,ref,note
                    ILL-MF-09,disbursement,\(Self.icbc),"1,000,000.00",USD,2026-01-10,Q-1,
                    ILL-MF-09,repayment,\(Self.icbc),500.00,USD,2026-02-10,Q-2,early
                    ILL-MF-09,disbursement,\(Self.icbc),"900,000,000.00",USD,2026-03-10,Q-3,above the commitment

                    """)
                let queued = try await cli.succeed(["tx", "import", file, "--queue"]).stdout
                #expect(queued == "queued 3 transactions for the worker (0 recorded or queued before, skipped)\n")
                #expect(try await Self.references(cli) == ["ILL-MF-09-D01"], "nothing is recorded before the worker runs")
                // Queued again while waiting: the jobs' keys absorb the rows.
                #expect(try await cli.succeed(["tx", "import", file, "--queue"]).stdout.hasPrefix("queued 0 transactions"))

                let worker = try await ExecutableRun.run("portfolio-worker", ["--once", "--http-address", "off"], environment: cli.environment)
                #expect(worker.status == 0, "\(worker.stderr)")
                #expect(try await Self.references(cli) == ["ILL-MF-09-D01", "Q-1", "Q-2"])
                let discarded = try jsonArray(try await cli.succeed(["jobs", "list", "--state", "discarded", "--format", "json"]).stdout)
                #expect(discarded.count == 1)
                let reason = discarded.first?["last_error"] as? String ?? ""
                #expect(reason.contains("above its commitment"), "\(discarded)")

                // Recorded ones are skipped when queued again; the refused one is queued anew.
                let again = try await cli.succeed(["tx", "import", file, "--queue"]).stdout
                #expect(again == "queued 1 transactions for the worker (2 recorded or queued before, skipped)\n")

                // Bad rows: every one reported as FILE:LINE, nothing queued.
                let bad = try folder.write("bad.csv", """
                    code,type,lender,amount,currency,date,ref,note
                    NOPE-1,disbursement,\(Self.icbc),1.00,USD,2026-01-10,B-1,
                    ILL-MF-09,disbursement,China Development Bank,1.00,USD,2026-01-10,B-2,
                    ILL-MF-09,disbursement,\(Self.icbc),1.00,USD,2199-01-10,B-3,
                    ILL-MF-09,disbursement,\(Self.icbc),1.00,EUR,2026-01-10,B-4,

                    """)
                let jobsBefore = try await cli.succeed(["jobs", "list", "--format", "json"]).stdout
                let refused = try await cli.run(["tx", "import", bad, "--queue"])
                #expect(refused.status == 65, "\(refused.summary)")
                for line in 2...5 { #expect(refused.stderr.contains("\(bad):\(line): "), "line \(line): \(refused.summary)") }
                #expect(try await cli.succeed(["jobs", "list", "--format", "json"]).stdout == jobsBefore)
            }
        }
    }
}
