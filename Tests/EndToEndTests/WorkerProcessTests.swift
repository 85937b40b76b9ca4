import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Postgres
import PortfolioStore
import Testing
import TestSupport

@Suite("portfolio-worker, end to end")
struct WorkerProcessTests {
    /// A free loopback port for the worker's HTTP endpoints.
    static func freePort() -> Int { TestPorts.next() }

    @Test("SIGTERM mid-batch exits 0 and leaves no job running")
    func sigterm() async throws {
        try await TestDatabase.with { db in
            _ = try await db.run { c in
                try c.query("INSERT INTO jobs (kind) SELECT 'noop' FROM generate_series(1, 300000)")
            }
            let worker = try BackgroundProcess("portfolio-worker", ["--http-address", "off", "--concurrency", "2"],
                                               environment: ["DATABASE_URL": db.url])
            // Wait until it is busy, then ask it to stop.
            for _ in 0..<200 {
                let done = try await db.run { c in try c.query("SELECT count(*) FROM jobs WHERE state = 'completed'").scalar(Int.self) }
                if done > 1000 { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            worker.signal(SIGTERM)
            let status = await worker.wait(timeout: .seconds(30))
            #expect(status == 0, "\(worker.stderr)")
            let (running, available) = try await db.run { c in
                (try c.query("SELECT count(*) FROM jobs WHERE state = 'running'").scalar(Int.self),
                 try c.query("SELECT count(*) FROM jobs WHERE state = 'available'").scalar(Int.self))
            }
            #expect(running == 0)
            #expect(available > 0, "the worker finished everything before the signal; the test proves nothing")
        }
    }

    @Test("two workers elect one leader; when it dies the other takes over")
    func leaderFailover() async throws {
        try await TestDatabase.with { db in
            let environment = ["DATABASE_URL": db.url, "PORTFOLIO_LEADER_LEASE": "1s", "PORTFOLIO_HTTP_ADDRESS": "off"]
            let first = try BackgroundProcess("portfolio-worker", [], environment: environment)
            let second = try BackgroundProcess("portfolio-worker", [], environment: environment)
            func leader() async throws -> String? {
                try await db.run { c in
                    try c.query("SELECT owner FROM leader_leases WHERE expires_at > now()").first?.decode(String.self, at: 0)
                }
            }
            var elected: String?
            for _ in 0..<100 {
                elected = try await leader()
                if elected != nil { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let winner = try #require(elected)
            let pidOfWinner = try #require(Int32(winner.split(separator: ":")[1]))
            let (leaderProcess, survivor) = pidOfWinner == first.pid ? (first, second) : (second, first)
            #expect(pidOfWinner == first.pid || pidOfWinner == second.pid)
            leaderProcess.signal(SIGKILL)
            _ = await leaderProcess.wait(timeout: .seconds(5))
            var successor: String?
            for _ in 0..<100 {
                successor = try await leader()
                if let successor, successor != winner { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let next = try #require(successor)
            #expect(next != winner)
            #expect(Int32(next.split(separator: ":")[1]) == survivor.pid)
            // Only one periodic rollup per period, whoever led.
            var periodic = 0
            for _ in 0..<100 {
                periodic = try await db.run { c in try c.query("SELECT count(*) FROM periodic_runs").scalar(Int.self) }
                if periodic > 0 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            try await Task.sleep(for: .milliseconds(1500))
            periodic = try await db.run { c in try c.query("SELECT count(*) FROM periodic_runs").scalar(Int.self) }
            #expect(periodic == 1)
            survivor.signal(SIGTERM)
            #expect(await survivor.wait(timeout: .seconds(20)) == 0)
        }
    }

    @Test("/health and /metrics answer on loopback")
    func http() async throws {
        try await TestDatabase.with { db in
            // Three due jobs on a queue this worker does not work, and the periodic rollup its
            // first maintenance pass inserts as leader (rollups are not worked here either): the
            // depth counts every due job.
            _ = try await db.run { c in try c.query("INSERT INTO jobs (kind, queue) SELECT 'noop', 'parked' FROM generate_series(1, 3)") }
            let port = WorkerProcessTests.freePort()
            let worker = try BackgroundProcess("portfolio-worker", ["--http-address", "127.0.0.1:\(port)", "--queues", "default"],
                                               environment: ["DATABASE_URL": db.url])
            // Until the worker is up and its database probe has answered once; each request is
            // bounded, so a slow start on a loaded machine is retried instead of hanging.
            var health: (Data, URLResponse)?
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/health")!)
                request.timeoutInterval = 5
                health = try? await URLSession.shared.data(for: request)
                if let response = health?.1 as? HTTPURLResponse, response.statusCode == 200 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let (body, response) = try #require(health)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            struct Health: Decodable { let database: String; let queueDepth: Int; let status: String }
            let raw = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            #expect(raw["queue_depth"] != nil && raw["queueDepth"] == nil, "keys are snake_case: \(raw.keys.sorted())")
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let json = try decoder.decode(Health.self, from: body)
            #expect(json.database == "reachable")
            #expect(json.status == "ok")
            #expect(json.queueDepth == 4)
            // Metrics appear once the worker has done a maintenance round.
            var text = ""
            for _ in 0..<100 {
                let (metrics, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/metrics")!)
                text = String(decoding: metrics, as: UTF8.self)
                if text.contains("portfolio_jobs_queue_depth") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(text.contains("portfolio_jobs_queue_depth"))
            #expect(text.contains("portfolio_worker_leader"))
            var post = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/health")!)
            post.httpMethod = "POST"
            let (_, postResponse) = try await URLSession.shared.data(for: post)
            #expect((postResponse as? HTTPURLResponse)?.statusCode != 200)
            worker.signal(SIGINT)
            #expect(await worker.wait(timeout: .seconds(20)) == 0)
        }
    }

    @Test("status import queues changes that --once applies in order, once per key")
    func statusImportAndOnce() async throws {
        try await TestDatabase.with { db in
            let env = ["DATABASE_URL": db.url, "PORTFOLIO_SAMPLE": WorkerProcessTests.samplePath]
            #expect(try await ExecutableRun.run("portfolio", ["sample", "load"], environment: env).status == 0)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("status-\(UUID()).csv")
            try Data("""
                code,status,effective_date,note,key
                ILL-MF-09,ongoing,2025-07-01,works started,a1
                ILL-MF-09,suspended,2025-08-01,,a2
                ILL-MF-09,ongoing,2025-09-01,resumed,a3

                """.utf8).write(to: file)
            let imported = try await ExecutableRun.run("portfolio", ["status", "import", file.path], environment: env)
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout.contains("queued 3"))
            let once = try await ExecutableRun.run("portfolio-worker", ["--once", "--concurrency", "4"], environment: env)
            #expect(once.status == 0, "\(once.stderr)")
            let again = try await ExecutableRun.run("portfolio", ["status", "import", file.path], environment: env)
            #expect(again.stdout.contains("queued 0"))
            let history = try await ExecutableRun.run("portfolio", ["status", "history", "ILL-MF-09", "--format", "json"], environment: env)
            struct History: Decodable { struct Entry: Decodable { let to: String }; let history: [Entry] }
            let decoded = try JSONDecoder().decode(History.self, from: Data(history.stdout.utf8))
            #expect(decoded.history.map(\.to) == ["committed", "ongoing", "suspended", "ongoing"])
        }
    }

    @Test("a change scheduled for a later day waits, and --once applies it when its day comes")
    func scheduledByOnce() async throws {
        try await TestDatabase.with { db in
            let env = ["DATABASE_URL": db.url, "PORTFOLIO_SAMPLE": WorkerProcessTests.samplePath]
            #expect(try await ExecutableRun.run("portfolio", ["sample", "load"], environment: env).status == 0)
            let set = try await ExecutableRun.run("portfolio", ["status", "set", "ILL-MF-09", "ongoing", "--effective", "2030-01-15"], environment: env)
            #expect(set.status == 0)
            #expect(set.stdout.contains("scheduled for 2030-01-15"))
            #expect(try await ExecutableRun.run("portfolio-worker", ["--once"], environment: env).status == 0)
            let before = try await ExecutableRun.run("portfolio", ["project", "show", "ILL-MF-09"], environment: env)
            #expect(before.stdout.contains("status       committed"))
            #expect(before.stdout.contains("scheduled"))
            // Made due before its day: still not applied, and put back until its date.
            _ = try await db.run { c in try c.query("UPDATE jobs SET run_at = now() WHERE kind = 'status.apply'") }
            #expect(try await ExecutableRun.run("portfolio-worker", ["--once"], environment: env).status == 0)
            let early = try await ExecutableRun.run("portfolio", ["status", "history", "ILL-MF-09"], environment: env)
            #expect(!early.stdout.contains("committed  ongoing"), "\(early.stdout)")
            let runAt = try await db.run { c in
                try c.query("SELECT run_at::date::text FROM jobs WHERE kind = 'status.apply'").scalar(String.self)
            }
            #expect(runAt == "2030-01-15")
            // The day comes: the change's date is today and its job is due.
            _ = try await db.run { c in
                try c.query("UPDATE jobs SET run_at = now(), args = jsonb_set(args, '{effective}', to_jsonb(current_date::text)) WHERE kind = 'status.apply'")
            }
            #expect(try await ExecutableRun.run("portfolio-worker", ["--once"], environment: env).status == 0)
            let after = try await ExecutableRun.run("portfolio", ["status", "history", "ILL-MF-09"], environment: env)
            #expect(after.stdout.contains("\(todayUTC())  committed  ongoing"), "\(after.stdout)")
        }
    }

    @Test("jobs list, stats, cancel and retry")
    func jobsCommands() async throws {
        try await TestDatabase.with { db in
            let env = ["DATABASE_URL": db.url]
            _ = try await db.run { c in try c.query("INSERT INTO jobs (kind) VALUES ('noop'), ('mystery')") }
            #expect(try await ExecutableRun.run("portfolio", ["jobs", "cancel", "1"], environment: env).status == 0)
            let twice = try await ExecutableRun.run("portfolio", ["jobs", "cancel", "1"], environment: env)
            #expect(twice.status == 65)
            #expect(twice.stderr.contains("cancelled and cannot be cancelled"))
            #expect(try await ExecutableRun.run("portfolio", ["jobs", "cancel", "999"], environment: env).status == 65)
            #expect(try await ExecutableRun.run("portfolio-worker", ["--once"], environment: env).status == 0)
            let discarded = try await ExecutableRun.run("portfolio", ["jobs", "list", "--state", "discarded"], environment: env)
            #expect(discarded.stdout.contains("mystery"))
            #expect(discarded.stdout.contains("no handler"))
            #expect(try await ExecutableRun.run("portfolio", ["jobs", "retry", "2"], environment: env).status == 0)
            let stats = try await ExecutableRun.run("portfolio", ["jobs", "stats", "--format", "json"], environment: env)
            #expect(stats.status == 0)
            #expect(stats.stdout.contains("\"due\" : 1"))
            #expect(try await ExecutableRun.run("portfolio", ["jobs", "list", "--state", "bogus"], environment: env).status == 64)
        }
    }

    @Test("bad worker settings exit 64 with one line; an unmigrated database exits 69", arguments: [
        (["--concurrency", "0"], [String: String](), Int32(64)),
        ([], ["PORTFOLIO_ROLLUP_INTERVAL": "soon"], Int32(64)),
        ([], ["PORTFOLIO_HTTP_ADDRESS": "127.0.0.1:99999"], Int32(64)),
        ([], ["PORTFOLIO_LOG_FORMAT": "xml"], Int32(64)),
        (["--config", "/nonexistent.json"], [:], Int32(66)),
        (["--bogus"], [:], Int32(64)),
    ])
    func badSettings(_ arguments: [String], _ environment: [String: String], _ expected: Int32) async throws {
        try await TestDatabase.with { db in
            var env = environment
            env["DATABASE_URL"] = db.url
            let run = try await ExecutableRun.run("portfolio-worker", ["--once"] + arguments, environment: env)
            #expect(run.status == expected, "\(run.stderr)")
            #expect(run.stderr.hasPrefix("error: "))
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("an unmigrated database or an unreachable one stops --once with 69")
    func unavailable() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let run = try await ExecutableRun.run("portfolio-worker", ["--once"], environment: ["DATABASE_URL": db.url])
            #expect(run.status == 69)
            #expect(run.stderr.contains("portfolio migrate"))
        }
        let down = try await ExecutableRun.run("portfolio-worker", ["--once"], environment: ["DATABASE_URL": "postgresql://u:secret@127.0.0.1:1/x"])
        #expect(down.status == 69)
        #expect(!down.stderr.contains("secret"))
    }

    @Test("docker-compose.yml runs the database, the migrations and the worker")
    func compose() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docker-compose.yml")
        let text = try String(contentsOf: path, encoding: .utf8)
        for needle in ["services:", "  db:", "image: postgres:15", "  migrate:", "[\"portfolio\", \"migrate\"]", "  worker:",
                       "[\"portfolio-worker\"]", "service_completed_successfully", "service_healthy", "DATABASE_URL:", "127.0.0.1:8080:8080"] {
            #expect(text.contains(needle), "docker-compose.yml lacks \(needle)")
        }
        #expect(!text.contains("\t"))
    }

    static var samplePath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config/sample-portfolio.csv").path
    }
}
