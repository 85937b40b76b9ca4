import Foundation
import Postgres
import Testing
import TestSupport

/// Concurrent writers and the audit trail, end to end.
@Suite("concurrent updates and the audit trail, end to end")
struct ConcurrencyAndAuditTests {
    @Test("two concurrent project updates of different fields both land")
    func concurrentUpdates() async throws {
        try await withSampleDatabase { _, cli in
            let rounds: [([String], [String])] = [
                (["--name", "Concurrent Name"], ["--location", "Concurrent Location"]),
                (["--value", "300,000,000"], ["--description", "Concurrent Description"]),
                (["--end", "2030-06-30"], ["--lender", "Bank of China=100"]),
            ]
            for (left, right) in rounds {
                async let first = cli.run(["project", "update", "ILL-EN-05"] + left)
                async let second = cli.run(["project", "update", "ILL-EN-05"] + right)
                let (a, b) = try await (first, second)
                expectSuccess(a, "update \(left)")
                expectSuccess(b, "update \(right)")
            }
            let project = try await #require(try jsonObject(cli.succeed(["project", "show", "ILL-EN-05", "--format", "json"]).stdout)["project"] as? [String: Any])
            #expect(project["name"] as? String == "Concurrent Name")
            #expect(project["location"] as? String == "Concurrent Location")
            #expect((project["value"] as? [String: Any])?["amount"] as? String == "300000000.00")
            #expect(project["description"] as? String == "Concurrent Description")
            #expect(project["end_date"] as? String == "2030-06-30")
            #expect((project["lenders"] as? [[String: Any]])?.compactMap { $0["lender"] as? String } == ["Bank of China"])
            #expect(project["version"] as? Int == 7)
        }
    }

    @Test("concurrent updates with the same --expect-version: one lands, the other exits 75 and changes nothing")
    func concurrentExpectVersion() async throws {
        try await withSampleDatabase { _, cli in
            async let first = cli.run(["project", "update", "ILL-EN-06", "--name", "Writer A", "--expect-version", "1"])
            async let second = cli.run(["project", "update", "ILL-EN-06", "--name", "Writer B", "--expect-version", "1"])
            let runs = try await [first, second]
            #expect(runs.map(\.status).sorted() == [0, 75], "\(runs.map(\.summary))")
            let loser = try #require(runs.first { $0.status == 75 })
            #expect(loser.stderr.hasPrefix("error: ") && loser.stderrLines.count == 1)
            let winner = try #require(runs.first { $0.status == 0 })
            let project = try await #require(try jsonObject(cli.succeed(["project", "show", "ILL-EN-06", "--format", "json"]).stdout)["project"] as? [String: Any])
            #expect(project["version"] as? Int == 2)
            let expectedName = runs[0].status == 0 ? "Writer A" : "Writer B"
            #expect(project["name"] as? String == expectedName, "\(winner.stdout)")
        }
    }

    @Test("every change adds one audit entry for the project, by PORTFOLIO_ACTOR; a refused change adds none")
    func auditTrail() async throws {
        let actor = "audit-bot-\(UInt32.random(in: 1000...9999))"
        try await withSampleDatabase(actor: actor) { db, cli in
            @Sendable func entries() async throws -> (all: Int, byActor: Int, actions: [String]) {
                try await db.run { c in
                    let all = try c.query("SELECT count(*) FROM audit_log WHERE entity_key = $1", "AUD-1").scalar(Int.self)
                    let mine = try c.query("SELECT count(*) FROM audit_log WHERE entity_key = $1 AND actor = $2", "AUD-1", actor).scalar(Int.self)
                    let actions = try c.query("SELECT action FROM audit_log WHERE entity_key = $1 ORDER BY id", "AUD-1")
                        .map { try $0.decode(String.self, at: 0) }
                    return (all, mine, actions)
                }
            }
            #expect(try await entries().all == 0)
            try await cli.succeed(["project", "add", "--code", "AUD-1", "--name", "Audited Plant", "--sector", "energy", "--status", "committed",
                             "--value", "5000000", "--currency", "USD", "--lender", "Audit Bank=100"])
            var now = try await entries()
            #expect(now.all == 1 && now.byActor == 1, "\(now)")
            try await cli.succeed(["project", "update", "AUD-1", "--value", "6000000"])
            now = try await entries()
            #expect(now.all == 2 && now.byActor == 2, "\(now)")
            try await cli.succeed(["status", "set", "AUD-1", "ongoing"])
            now = try await entries()
            #expect(now.all == 3 && now.byActor == 3, "\(now)")
            #expect(now.actions == ["project.add", "project.update", "status.set"])

            let refused = try await cli.run(["status", "set", "AUD-1", "pledged"])
            #expect(refused.status == 65)
            #expect(try await entries().all == 3)

            let lenderAudit = try await db.run { c in
                try c.query("SELECT count(*) FROM audit_log WHERE entity = 'lender' AND entity_key = $1 AND actor = $2", "Audit Bank", actor).scalar(Int.self)
            }
            #expect(lenderAudit == 1, "the lender the add created is audited too")
            let history = try await #require(try jsonObject(cli.succeed(["status", "history", "AUD-1", "--format", "json"]).stdout)["history"] as? [[String: Any]])
            #expect(history.allSatisfy { $0["actor"] as? String == actor })
        }
    }
}
