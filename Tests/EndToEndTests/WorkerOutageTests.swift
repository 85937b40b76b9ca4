import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// The worker binary behind a link that stops carrying packets without closing anything.
@Suite("portfolio-worker, database outage")
struct WorkerOutageTests {
    /// `/health`'s status code, or nil when no answer came within 5 s.
    static func health(_ port: Int) async -> Int? {
        guard let url = URL(string: "http://127.0.0.1:\(port)/health") else { return nil }
        var request = URLRequest(url: url)
        request.timeoutInterval = 5
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }

    /// Polls `/health` until it answers `code`, for at most `limit`.
    static func waitForHealth(_ port: Int, _ code: Int, within limit: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if await health(port) == code { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test("a silent database turns /health to 503 within the database timeout; when it answers again the worker recovers and works")
    func blackholedDatabase() async throws {
        try await TestDatabase.with { db in
            let proxy = try TCPProxy(to: TestCluster.port)
            defer { proxy.stop() }
            let url = "postgresql://postgres@127.0.0.1:\(proxy.port)/\(db.name)?connect_timeout=2&sslmode=disable&gssencmode=disable"
            let port = TestPorts.next()
            let worker = try BackgroundProcess("portfolio-worker", ["--http-address", "127.0.0.1:\(port)", "--concurrency", "1"], environment: [
                "DATABASE_URL": url, "PORTFOLIO_DATABASE_TIMEOUT": "1s", "PORTFOLIO_LEADER_LEASE": "1500ms",
                "PORTFOLIO_WORKER_LEASE": "2s", "PORTFOLIO_WORKER_POLL_INTERVAL": "100ms",
            ])
            #expect(try await WorkerOutageTests.waitForHealth(port, 200, within: .seconds(60)), "the worker came up")

            proxy.blackhole()
            #expect(try await WorkerOutageTests.waitForHealth(port, 503, within: .seconds(30)), "the worker noticed")
            // Work queued while the link is down (straight to the database).
            _ = try await db.run { c in try c.query("INSERT INTO jobs (kind) SELECT 'noop' FROM generate_series(1, 5)") }

            proxy.restore()
            #expect(try await WorkerOutageTests.waitForHealth(port, 200, within: .seconds(60)), "the worker recovered")
            var done = 0
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                done = try await db.run { c in try c.query("SELECT count(*) FROM jobs WHERE kind = 'noop' AND state = 'completed'").scalar(Int.self) }
                if done == 5 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(done == 5)
            worker.signal(SIGTERM)
            #expect(await worker.wait(timeout: .seconds(30)) == 0)
        }
    }
}
