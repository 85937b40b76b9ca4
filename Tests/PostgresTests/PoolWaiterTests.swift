import Foundation
import Dispatch
@testable import Postgres
import Synchronization
import Testing
import TestSupport

@Suite("Connection pool: waiters and idle connections")
struct PoolWaiterTests {
    @Test("a caller beyond maxWaiters is refused at once with .busy; the waiting one still runs")
    func boundedWaiters() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let pool = ConnectionPool(configuration: db.configuration, size: 1, maxWaiters: 1)
            // The one connection is held until the test lets go.
            let holder = try await PoolHolder.hold(pool)
            let waiter = Task { try await pool.withConnection { c in try c.query("SELECT 2").scalar(Int.self) } }
            while pool.waitingCount < 1 { try await Task.sleep(for: .milliseconds(5)) }
            do {
                _ = try await pool.withConnection { c in try c.query("SELECT 3").scalar(Int.self) }
                Issue.record("a second waiter was admitted")
            } catch let error as PostgresError {
                #expect(error.kind == .busy, "\(error)")
            }
            #expect(try await holder.release() == 1)
            #expect(try await waiter.value == 2)
            await pool.close()
        }
    }

    @Test("an idle connection whose backend was terminated is replaced before the next caller sees it")
    func terminatedWhileIdle() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let pool = ConnectionPool(configuration: db.configuration, size: 1)
            let first = try await pool.withConnection { c in c.backendPID }
            let ended = try await db.run { c in try c.query("SELECT pg_terminate_backend($1::int)", Int(first)).scalar(Bool.self) }
            #expect(ended)
            // Wait until the backend process has exited (it leaves pg_stat_activity a moment
            // before it closes its socket): then the server's goodbye and end of file are on the
            // idle connection's socket. The cluster runs on this machine, so /proc shows it.
            for _ in 0..<1000 where FileManager.default.fileExists(atPath: "/proc/\(first)") {
                try await Task.sleep(for: .milliseconds(10))
            }
            let second = try await pool.withConnection { c in (c.backendPID, try c.query("SELECT 1").scalar(Int.self)) }
            #expect(second.1 == 1)
            #expect(second.0 != first)
            await pool.close()
        }
    }

    @Test("against a server that stopped answering, at most `limit` cancel requests wait; the rest are not sent")
    func boundedCancelRequests() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let proxy = try TCPProxy(to: TestCluster.port)
            defer { proxy.stop() }
            var configuration = try ConnectionConfiguration(
                "postgresql://postgres@127.0.0.1:\(proxy.port)/\(db.name)?sslmode=disable&connect_timeout=5")
            configuration.applicationName = "cancel-limit"
            let config = configuration
            let connections = try await Blocking.run { try (0..<3).map { _ in try Connection(configuration: config) } }
            proxy.blackhole()
            let requests = CancelRequests(limit: 2)
            let sent = connections.map { requests.send(for: $0) }
            #expect(sent == [true, true, false])
            // The two sent wait for an answer that cannot come.
            try await Task.sleep(for: .milliseconds(200))
            #expect(requests.waiting == 2)
            proxy.restore()
            for _ in 0..<500 where requests.waiting > 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(requests.waiting == 0)
            for connection in connections { connection.abort() }
        }
    }
}
