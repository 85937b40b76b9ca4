import Foundation
import Testing
import TestSupport

/// The happy paths of `portfolio status …`, end to end.
@Suite("portfolio status commands, end to end")
struct StatusCommandTests {
    @Test("status set now applies the change and records it in the history")
    func setNow() async throws {
        try await withSampleDatabase { _, cli in
            let today = todayUTC()
            let run = try await cli.run(["status", "set", "ILL-EN-08", "ongoing", "--note", "works began"])
            expectSuccess(run, "status set")
            #expect(run.stdout == "ILL-EN-08: committed → ongoing, effective \(today)\n")

            let shown = try jsonObject(try await cli.succeed(["project", "show", "ILL-EN-08", "--format", "json"]).stdout)
            #expect((shown["project"] as? [String: Any])?["status"] as? String == "ongoing")
            #expect((shown["project"] as? [String: Any])?["version"] as? Int == 2)

            let history = try jsonObject(try await cli.succeed(["status", "history", "ILL-EN-08", "--format", "json"]).stdout)
            #expect(history["code"] as? String == "ILL-EN-08")
            let entries = try #require(history["history"] as? [[String: Any]])
            #expect(entries.map { $0["to"] as? String } == ["committed", "ongoing"])
            #expect(entries.last?["from"] as? String == "committed")
            #expect(entries.last?["effective"] as? String == today)
            #expect(entries.last?["note"] as? String == "works began")
            #expect(entries.last?["actor"] as? String == "e2e-tests")
            #expect(entries.last?["forced"] as? Bool == false)

            let table = try await cli.run(["status", "history", "ILL-EN-08"])
            expectSuccess(table, "history table")
            let lines = table.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("EFFECTIVE") == true)
            #expect(lines.count == 4, "header, rule and two entries: \(table.stdout)")
            let last = try #require(lines.last)
            for part in [today, "committed", "ongoing", "applied", "e2e-tests", "works began"] {
                #expect(last.contains(part), "\(last)")
            }
        }
    }

    @Test("a future-dated status set is scheduled, shown as such, and leaves the status alone")
    func setFuture() async throws {
        try await withSampleDatabase { db, cli in
            let run = try await cli.run(["status", "set", "ILL-EN-09", "committed", "--effective", "2099-06-01"])
            expectSuccess(run, "schedule")
            #expect(run.stdout.hasPrefix("ILL-EN-09: → committed scheduled for 2099-06-01 (job "), "\(run.stdout)")

            let history = try jsonObject(try await cli.succeed(["status", "history", "ILL-EN-09", "--format", "json"]).stdout)
            #expect((history["history"] as? [Any])?.count == 1)
            let scheduled = try #require(history["scheduled"] as? [[String: Any]])
            #expect(scheduled.count == 1)
            let request = try #require(scheduled.first?["request"] as? [String: Any])
            #expect(request["status"] as? String == "committed")
            #expect(request["effective"] as? String == "2099-06-01")
            #expect(scheduled.first?["state"] as? String == "available")

            let table = try await cli.succeed(["status", "history", "ILL-EN-09"]).stdout
            let row = try #require(table.split(separator: "\n").last.map(String.init))
            #expect(row.hasPrefix("2099-06-01"), "\(table)")
            #expect(row.contains("committed") && row.contains("scheduled"), "\(table)")

            let shown = try await cli.succeed(["project", "show", "ILL-EN-09"]).stdout
            #expect(shownField("status", in: shown) == "pledged", "\(shown)")
            #expect(shown.contains("2099-06-01"), "show lists the scheduled change: \(shown)")

            let jobs = try await db.run { c in
                try c.query("SELECT count(*) FROM jobs WHERE kind = 'status.apply' AND state = 'available' AND args->>'code' = 'ILL-EN-09'").scalar(Int.self)
            }
            #expect(jobs == 1)
        }
    }

    @Test("a terminal status is corrected with --force and a note, recorded as forced")
    func forced() async throws {
        try await withSampleDatabase { _, cli in
            let run = try await cli.run(["status", "set", "ILL-EN-01", "ongoing", "--force", "--note", "reopened for unit 4"])
            expectSuccess(run, "forced change")
            #expect(run.stdout.hasPrefix("ILL-EN-01: finished → ongoing"))
            let entries = try await #require(try jsonObject(cli.succeed(["status", "history", "ILL-EN-01", "--format", "json"]).stdout)["history"] as? [[String: Any]])
            #expect(entries.last?["forced"] as? Bool == true)
            #expect(entries.last?["note"] as? String == "reopened for unit 4")
            #expect(try await cli.succeed(["status", "history", "ILL-EN-01"]).stdout.contains("forced"))
        }
    }
}
