import Foundation
import Testing
import TestSupport

/// A change never takes effect before its effective date, however its job is run.
@Suite("scheduled status changes wait for their date, end to end")
struct ScheduledChangeTests {
    /// The job id in `status set`'s "scheduled for … (job N)" line.
    static func jobID(_ stdout: String) throws -> String {
        let after = try #require(stdout.range(of: "(job ")).upperBound
        return String(stdout[after...].prefix { $0.isNumber })
    }

    @Test("jobs cancel then jobs retry keeps the job's time: the worker does not apply it early")
    func cancelRetryKeepsTime() async throws {
        try await withSampleDatabase { db, cli in
            let set = try await cli.succeed(["status", "set", "ILL-EN-09", "committed", "--effective", "2099-06-01"])
            let id = try Self.jobID(set.stdout)
            await expectSuccess(try cli.run(["jobs", "cancel", id]), "cancel")
            let retry = try await cli.run(["jobs", "retry", id])
            expectSuccess(retry, "retry")
            #expect(retry.stdout == "job \(id) will run again at 2099-06-01T00:00:00Z, its scheduled time\n")

            // While it waits it shows no stale "cancelled by …".
            let listed = try jsonArray(try await cli.succeed(["jobs", "list", "--kind", "status.apply", "--format", "json"]).stdout)
            let job = try #require(listed.first)
            #expect(job["state"] as? String == "available")
            #expect(job["lastError"] == nil || job["lastError"] is NSNull, "\(job)")

            let worker = try await ExecutableRun.run("portfolio-worker", ["--once", "--http-address", "off"], environment: cli.environment)
            #expect(worker.status == 0, "\(worker.summary)")
            let shown = try await cli.succeed(["project", "show", "ILL-EN-09"]).stdout
            #expect(shownField("status", in: shown) == "pledged", "\(shown)")
            let history = try jsonObject(try await cli.succeed(["status", "history", "ILL-EN-09", "--format", "json"]).stdout)
            #expect((history["history"] as? [Any])?.count == 1, "\(history)")
            #expect((history["scheduled"] as? [Any])?.count == 1, "\(history)")

            // The audit log says who cancelled and who retried.
            let actions = try await db.run { c in
                try c.query("SELECT action || ' ' || actor FROM audit_log WHERE entity = 'job' AND entity_key = $1 ORDER BY id", id)
                    .map { try $0.decode(String.self, at: 0) }
            }
            #expect(actions == ["job.cancel e2e-tests", "job.retry e2e-tests"])
        }
    }

    @Test("a retried job whose time has passed runs now, and its old error is cleared")
    func retryNow() async throws {
        try await withSampleDatabase { db, cli in
            _ = try await db.run { c in try c.query("INSERT INTO jobs (kind) VALUES ('mystery')") }
            let worker = try await ExecutableRun.run("portfolio-worker", ["--once", "--http-address", "off"], environment: cli.environment)
            #expect(worker.status == 0, "\(worker.summary)")
            let id = try await db.run { c in try c.query("SELECT id::text FROM jobs WHERE kind = 'mystery'").scalar(String.self) }
            let retry = try await cli.run(["jobs", "retry", id])
            expectSuccess(retry, "retry")
            #expect(retry.stdout == "job \(id) will run again now\n")
            let row = try await db.run { c in
                try c.query("SELECT state || ' ' || coalesce(last_error, '-') FROM jobs WHERE id = $1::bigint", id).scalar(String.self)
            }
            #expect(row == "available -")
        }
    }
}
