import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Settings from libpq variables, JSON logs, and surviving lost connections")
struct ResilienceTests {
    @Test("with no DATABASE_URL, libpq's PG* variables are used")
    func pgVariables() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let url = try #require(URLComponents(string: db.url))
            let environment = [
                "PGHOST": url.host ?? "127.0.0.1", "PGPORT": String(url.port ?? 5432),
                "PGUSER": url.user ?? "postgres", "PGDATABASE": db.name,
            ]
            let run = try await ExecutableRun.run("portfolio", ["migrate"], environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("applied 1"))
            let bad = try await ExecutableRun.run("portfolio", ["migrate"], environment: environment.merging(["PGPORT": "1"]) { _, new in new })
            #expect(bad.status == 69)
        }
    }

    @Test("--log-format json writes one JSON object per line")
    func jsonLogs() async throws {
        try await TestDatabase.with { db in
            let run = try await ExecutableRun.run("portfolio-worker", ["--once", "--log-format", "json"], environment: ["DATABASE_URL": db.url])
            #expect(run.status == 0)
            let lines = run.stderr.split(separator: "\n")
            #expect(!lines.isEmpty)
            for line in lines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["level"] as? String != nil, "\(line)")
                #expect(object?["message"] as? String != nil, "\(line)")
            }
        }
    }

    @Test("a worker whose connections are terminated reconnects and carries on")
    func terminatedBackends() async throws {
        try await TestDatabase.with { db in
            let worker = try BackgroundProcess("portfolio-worker", ["--http-address", "off"], environment: [
                "DATABASE_URL": db.url, "PORTFOLIO_WORKER_POLL_INTERVAL": "100ms",
            ])
            _ = try await db.run { c in try c.query("INSERT INTO jobs (kind) SELECT 'noop' FROM generate_series(1, 100)") }
            try await ResilienceTests.waitUntil { try await db.run { c in try c.query("SELECT count(*) FROM jobs WHERE kind = 'noop' AND state = 'completed'").scalar(Int.self) } == 100 }
            // Cut every connection the worker holds (and its listener's).
            let killed = try await db.run { c in
                try c.query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'portfolio-worker'").scalar(Int.self)
            }
            #expect(killed >= 2)
            _ = try await db.run { c in try c.query("INSERT INTO jobs (kind) SELECT 'noop' FROM generate_series(1, 100)") }
            try await ResilienceTests.waitUntil { try await db.run { c in try c.query("SELECT count(*) FROM jobs WHERE kind = 'noop' AND state = 'completed'").scalar(Int.self) } == 200 }
            #expect(worker.isRunning)
            worker.signal(SIGTERM)
            #expect(await worker.wait(timeout: .seconds(20)) == 0)
            #expect(worker.stderr.contains("retrying") || worker.stderr.contains("reconnected"))
        }
    }

    static func waitUntil(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("condition not met within \(timeout)")
    }
}

@Suite("Secrets stay out of logs")
struct SecretLogTests {
    @Test("the worker logs its database without the password")
    func passwordHidden() async throws {
        try await TestDatabase.with { db in
            // The test cluster trusts local connections, so any password is accepted.
            let url = db.url.replacingOccurrences(of: "://postgres@", with: "://postgres:hunter2secret@")
            #expect(url.contains("hunter2secret"))
            let worker = try BackgroundProcess("portfolio-worker", ["--http-address", "off", "--log-format", "json"], environment: ["DATABASE_URL": url])
            try await ResilienceTests.waitUntil { worker.stderr.contains("worker starting") }
            worker.signal(SIGTERM)
            #expect(await worker.wait(timeout: .seconds(20)) == 0)
            #expect(worker.stderr.contains("***"))
            #expect(!worker.stderr.contains("hunter2secret"))
        }
    }
}
