import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `portfolio-server` as users run it: it says where it listens, answers, stops on SIGTERM,
/// refuses an address in use, and asks for tokens beyond loopback.
@Suite("portfolio-server, end to end")
struct ServerProcessTests {
    /// Status and body of a GET, with optional headers; nil while nothing answers.
    static func get(_ url: String, headers: [String: String] = [:]) async -> (status: Int, body: String)? {
        guard let target = URL(string: url) else { return nil }
        var request = URLRequest(url: target)
        request.timeoutInterval = 5
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        guard let (data, response) = try? await URLSession.shared.data(for: request), let http = response as? HTTPURLResponse else { return nil }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }

    /// Waits until the server prints that it listens.
    static func started(_ server: BackgroundProcess) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if server.stderr.contains("listening on") { return true }
            if !server.isRunning { return false }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test("on loopback it serves the CLI's report without a token and stops on SIGTERM with 0")
    func loopback() async throws {
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            _ = try await cli.succeed(["sample", "load"])
            let port = WorkerProcessTests.freePort()
            let server = try BackgroundProcess("portfolio-server", ["--address", "127.0.0.1:\(port)"], environment: ["DATABASE_URL": db.url])
            #expect(try await Self.started(server), "\(server.stderr)")
            #expect(server.stderr.contains("portfolio-server listening on http://127.0.0.1:\(port)"))
            let report = await Self.get("http://127.0.0.1:\(port)/api/v1/reports/sectors", headers: ["Accept": "text/csv"])
            #expect(report?.status == 200)
            #expect(report?.body == (try await cli.succeed(["report", "sectors", "--format", "csv"]).stdout))
            #expect(await Self.get("http://127.0.0.1:\(port)/health")?.status == 200)
            server.signal(SIGTERM)
            #expect(await server.wait(timeout: .seconds(20)) == 0, "\(server.stderr)")
        }
    }

    @Test("beyond loopback every request needs a live token, and the refusal logs no token")
    func tokens() async throws {
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            let token = try await cli.succeed(["token", "create", "e2e"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let port = WorkerProcessTests.freePort()
            let server = try BackgroundProcess("portfolio-server", ["--address", "0.0.0.0:\(port)"], environment: ["DATABASE_URL": db.url])
            #expect(try await Self.started(server), "\(server.stderr)")
            let wrong = await Self.get("http://127.0.0.1:\(port)/api/v1/projects", headers: ["Authorization": "Bearer pt_not-this-one"])
            #expect(wrong?.status == 401)
            #expect(await Self.get("http://127.0.0.1:\(port)/api/v1/projects")?.status == 401)
            #expect(await Self.get("http://127.0.0.1:\(port)/api/v1/projects", headers: ["Authorization": "Bearer \(token)"])?.status == 200)
            #expect(await Self.get("http://127.0.0.1:\(port)/health")?.status == 200, "health needs no token")
            server.signal(SIGINT)
            #expect(await server.wait(timeout: .seconds(20)) == 0)
            #expect(server.stderr.contains("request refused") && !server.stderr.contains("pt_not-this-one") && !server.stderr.contains(token))
        }
    }

    @Test("with DATABASE_READ_URL set, reads come from that database; the primary keeps the tokens and the change feed")
    func readReplica() async throws {
        try await TestDatabase.with { primary in
            try await TestDatabase.with { replica in
                _ = try await PortfolioCLI(replica).succeed(["sample", "load"])
                let port = WorkerProcessTests.freePort()
                let server = try BackgroundProcess("portfolio-server", ["--address", "127.0.0.1:\(port)"],
                                                   environment: ["DATABASE_URL": primary.url, "DATABASE_READ_URL": replica.url])
                #expect(try await Self.started(server), "\(server.stderr)")
                #expect(server.stderr.contains("reads=replica"), "\(server.stderr)")
                let page = await Self.get("http://127.0.0.1:\(port)/api/v1/projects?limit=1")
                #expect(page?.status == 200 && page?.body.contains("ILL-") == true, "the sample is only in the read database: \(page?.body ?? "")")
                server.signal(SIGTERM)
                #expect(await server.wait(timeout: .seconds(20)) == 0)
            }
        }
    }

    @Test("a request whose headers are larger than the server takes is refused, and the server goes on")
    func largeHeaders() async throws {
        try await TestDatabase.with { db in
            let port = WorkerProcessTests.freePort()
            let server = try BackgroundProcess("portfolio-server", ["--address", "127.0.0.1:\(port)"], environment: ["DATABASE_URL": db.url])
            #expect(try await Self.started(server), "\(server.stderr)")
            let huge = await Self.get("http://127.0.0.1:\(port)/health", headers: ["X-Padding": String(repeating: "x", count: 200_000)])
            #expect(huge == nil || (huge?.status ?? 0) >= 400, "\(String(describing: huge?.status))")
            #expect(await Self.get("http://127.0.0.1:\(port)/health")?.status == 200)
            server.signal(SIGTERM)
            #expect(await server.wait(timeout: .seconds(20)) == 0)
        }
    }

    @Test("an address in use exits 69, a bad one 64, an unmigrated database 69, each with one line")
    func refusals() async throws {
        let occupied = try OccupiedPort()
        try await TestDatabase.with { db in
            let inUse = try await ExecutableRun.run("portfolio-server", ["--address", "127.0.0.1:\(occupied.port)"], environment: ["DATABASE_URL": db.url])
            #expect(inUse.status == 69, "\(inUse.summary)")
            let bad = try await ExecutableRun.run("portfolio-server", ["--address", "nowhere"], environment: ["DATABASE_URL": db.url])
            #expect(bad.status == 64, "\(bad.summary)")
            #expect(bad.stderr.split(separator: "\n").count == 1)
        }
        try await TestDatabase.with(migrated: false) { db in
            let port = WorkerProcessTests.freePort()
            let run = try await ExecutableRun.run("portfolio-server", ["--address", "127.0.0.1:\(port)"], environment: ["DATABASE_URL": db.url])
            #expect(run.status == 69 && run.stderr.contains("not migrated"), "\(run.summary)")
        }
    }
}
