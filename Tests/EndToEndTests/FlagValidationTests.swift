import Foundation
import Testing
import TestSupport

/// Whole-number flags are refused the same way everywhere, and a refused command writes nothing.
@Suite("Flag validation")
struct FlagValidationTests {
    static let refused: [[String]] = [
        ["rollup", "run", "--wait", "--timeout", "0"], ["rollup", "run", "--wait", "--timeout=-5"],
        ["rollup", "run", "--timeout", "1.5"], ["rollup", "list", "--limit=-1"], ["rollup", "list", "--limit", "0"],
        ["rollup", "list", "--limit", "100001"], ["jobs", "list", "--limit=-1"], ["jobs", "list", "--limit", "0"],
        ["jobs", "list", "--limit", "+5"], ["jobs", "list", "--limit", " 5"], ["jobs", "list", "--limit", "99999999999999999999"],
        ["project", "update", "ILL-EN-01", "--name", "X", "--expect-version", "0"],
        ["project", "update", "ILL-EN-01", "--name", "X", "--expect-version=-1"],
        ["jobs", "retry", "0"], ["jobs", "cancel", "x"], ["rollup", "show", "0"], ["rollup", "diff", "1", "0"],
    ]

    @Test("out-of-range and malformed whole numbers are usage errors (64) that state the range, and change nothing")
    func refusedNumbers() async throws {
        try await withSampleDatabase { db, cli in
            let before = try await DatabaseFingerprint.capture(db)
            for arguments in Self.refused {
                let run = try await cli.run(arguments)
                #expect(run.status == 64, "\(arguments): \(run.summary)")
                #expect(run.stderrLines.count == 1 && run.stderr.hasPrefix("error: "), "\(arguments): \(run.stderr)")
                #expect(run.stderr.contains("must be a whole number from 1 to"), "\(arguments): \(run.stderr)")
            }
            #expect(DatabaseFingerprint.differences(before, try await DatabaseFingerprint.capture(db)).isEmpty)
        }
    }

    @Test("the same flag kind says the same thing in every command")
    func sameMessage() async throws {
        try await withSampleDatabase { _, cli in
            let jobs = try await cli.run(["jobs", "list", "--limit=-1"]).stderr
            let rollups = try await cli.run(["rollup", "list", "--limit=-1"]).stderr
            #expect(jobs == rollups && !jobs.isEmpty, "\(jobs) vs \(rollups)")
        }
    }

    @Test("rollup run --wait that times out with no worker withdraws its request: exit 75, queue as before")
    func timeoutWithdraws() async throws {
        try await withSampleDatabase { db, cli in
            let before = try await DatabaseFingerprint.capture(db)
            let run = try await cli.run(["rollup", "run", "--wait", "--timeout", "1"])
            #expect(run.status == 75, "\(run.summary)")
            #expect(run.stderr.contains("withdrawn"), "\(run.stderr)")
            let after = try await DatabaseFingerprint.capture(db)
            #expect(DatabaseFingerprint.rowCount(after, "jobs") == DatabaseFingerprint.rowCount(before, "jobs"))
        }
    }

    @Test("a request that was already queued is not withdrawn by a second command that gives up")
    func timeoutKeepsOthersRequest() async throws {
        try await withSampleDatabase { db, cli in
            await #expect(try cli.run(["rollup", "run"]).status == 0)
            let run = try await cli.run(["rollup", "run", "--wait", "--timeout", "1"])
            #expect(run.status == 75, "\(run.summary)")
            let pending = try await db.run { c in
                try c.query("SELECT count(*) FROM jobs WHERE kind = 'rollup.take' AND unique_key = 'rollup-manual' AND state = 'available'").scalar(Int.self)
            }
            #expect(pending == 1)
        }
    }
}
