import Foundation
import Postgres
import Testing
import TestSupport

@Suite("portfolio-worker, HTTP listener that cannot start")
struct WorkerListenerTests {
    /// Runs the worker against a database holding one queued job; returns the run, how long it
    /// took, and whether the database stayed exactly as it was.
    static func run(_ arguments: [String], environment: [String: String] = [:], files: [String: String] = [:]) async throws
        -> (status: Int32?, stderr: String, seconds: Double, unchanged: [String], job: String) {
        try await TestDatabase.with { db in
            _ = try await db.run { c in try c.query("INSERT INTO jobs (kind) VALUES ('noop')") }
            let before = try await DatabaseFingerprint.capture(db)
            var env = environment
            env["DATABASE_URL"] = db.url
            var args = arguments
            for (name, text) in files {
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID())-\(name)")
                try Data(text.utf8).write(to: file)
                args = args.map { $0 == "$\(name)" ? file.path : $0 }
            }
            let start = ContinuousClock.now
            let worker = try BackgroundProcess("portfolio-worker", args, environment: env)
            let status = await worker.wait(timeout: .seconds(10))
            let elapsed = start.duration(to: .now)
            let after = try await DatabaseFingerprint.capture(db)
            let job = try await db.run { c in
                try c.query("SELECT state || ' attempt ' || attempt FROM jobs").scalar(String.self)
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return (status, worker.stderr, seconds, DatabaseFingerprint.differences(before, after), job)
        }
    }

    static func expectRefused(_ result: (status: Int32?, stderr: String, seconds: Double, unchanged: [String], job: String),
                              _ code: Int32, mentioning needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == code, "exit \(String(describing: result.status)): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.seconds < 8, "took \(result.seconds) s", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(needle), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.unchanged.isEmpty, "the database changed: \(result.unchanged)", sourceLocation: sourceLocation)
        #expect(result.job == "available attempt 0", sourceLocation: sourceLocation)
    }

    @Test("an address in use exits 69 at once, one line, no job touched, from a flag, the environment or the file")
    func inUse() async throws {
        let occupied = try OccupiedPort()
        let address = "127.0.0.1:\(occupied.port)"
        Self.expectRefused(try await Self.run(["--http-address", address]), 69, mentioning: "in use")
        Self.expectRefused(try await Self.run([], environment: ["PORTFOLIO_HTTP_ADDRESS": address]), 69, mentioning: "in use")
        Self.expectRefused(try await Self.run(["--config", "$worker.json"],
                                              files: ["worker.json": #"{"portfolio": {"http": {"address": "\#(address)"}}}"#]),
                           69, mentioning: "in use")
    }

    @Test("an impossible or non-local address exits 64, with --once too", arguments: [
        ("256.1.1.1:80", "not an IPv4 address"), ("192.0.2.1:80", "not one of this machine's"),
        ("no-such-host.invalid:8080", "does not resolve"), ("127.0.0.1:0", "port 0"), ("[::1]:65536", "invalid port"),
    ])
    func impossible(_ address: String, _ needle: String) async throws {
        Self.expectRefused(try await Self.run(["--http-address", address]), 64, mentioning: needle)
        Self.expectRefused(try await Self.run(["--once", "--http-address", address]), 64, mentioning: needle)
    }

    @Test("--once listens nowhere, so an address another worker holds does not stop it")
    func onceBesideADaemon() async throws {
        let occupied = try OccupiedPort()
        let result = try await Self.run(["--once", "--http-address", "127.0.0.1:\(occupied.port)"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.job == "completed attempt 1")
    }

    @Test("a second daemon beside the first runs with --http-address off or a port of its own")
    func secondDaemon() async throws {
        try await TestDatabase.with { db in
            let port = try OccupiedPort.free()
            let environment = ["DATABASE_URL": db.url, "PORTFOLIO_HTTP_ADDRESS": "127.0.0.1:\(port)"]
            let first = try BackgroundProcess("portfolio-worker", [], environment: environment)
            try await ResilienceTests.waitUntil { first.stderr.contains("worker starting") }
            let clash = try BackgroundProcess("portfolio-worker", [], environment: environment)
            #expect(await clash.wait(timeout: .seconds(30)) == 69, "\(clash.stderr)")
            let off = try BackgroundProcess("portfolio-worker", ["--http-address", "off"], environment: environment)
            let other = try BackgroundProcess("portfolio-worker", ["--http-address", "127.0.0.1:\(try OccupiedPort.free())"], environment: environment)
            try await ResilienceTests.waitUntil { off.stderr.contains("worker starting") && other.stderr.contains("worker starting") }
            for worker in [first, off, other] { worker.signal(SIGTERM) }
            for worker in [first, off, other] { #expect(await worker.wait(timeout: .seconds(20)) == 0, "\(worker.stderr)") }
        }
    }
}
