import Foundation
import Postgres
import Synchronization
import Testing
import TestSupport

@Suite("Cancellation")
struct CancellationTests {
    /// Waits until the backend `pid` sleeps in `pg_sleep` (at most 30 s: the machines are shared).
    static func waitUntilSleeping(_ pid: Int32, in db: TestDatabase) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let sleeping = try await db.run { c in
                try c.query(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND wait_event = 'PgSleep'", pid
                ).scalar(Int.self)
            }
            if sleeping == 1 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("backend \(pid) never started sleeping")
    }

    final class Box<Value: Sendable>: Sendable {
        let value: Mutex<Value>
        init(_ value: Value) { self.value = Mutex(value) }
        var current: Value { value.withLock { $0 } }
        func set(_ new: Value) { value.withLock { $0 = new } }
    }

    @Test("cancel() from another thread ends pg_sleep(30) long before it would end; the connection stays usable")
    func cancelFromAnotherThread() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let connection = try await Blocking.run { try Connection(configuration: db.configuration) }
            let pid = connection.backendPID
            let running = Task {
                try await Blocking.run { () -> (PostgresError?, ContinuousClock.Instant) in
                    do {
                        try connection.query("SELECT pg_sleep(30)")
                        return (nil, .now)
                    } catch let error as PostgresError {
                        return (error, .now)
                    }
                }
            }
            try await CancellationTests.waitUntilSleeping(pid, in: db)
            let sent = ContinuousClock.now
            // cancel() takes its own lock, not the one the sleeping query holds.
            try await Blocking.run { try connection.cancel() }
            #expect(sent.duration(to: .now) < .seconds(10))
            let outcome = try #require(await Blocking.result(of: running, within: .seconds(20)))
            let (error, ended) = try outcome.get()
            #expect(sent.duration(to: ended) < .seconds(10))
            #expect(error?.sqlState == SQLState.queryCanceled)
            #expect(error?.kind == .server)
            let after = try await Blocking.run { try connection.query("SELECT 7").scalar(Int.self) }
            #expect(after == 7)
            #expect(connection.backendPID == pid)
            connection.close()
        }
    }

    @Test("cancel() with no statement running does nothing")
    func cancelIdle() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let value = try await Blocking.run { () -> Int in
                let connection = try Connection(configuration: db.configuration)
                defer { connection.close() }
                try connection.cancel()
                return try connection.query("SELECT 3").scalar(Int.self)
            }
            #expect(value == 3)
        }
    }

    @Test("a pool call whose task is cancelled mid-query fails long before the statement would end and the pool stays usable")
    func cancelPoolTask() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let pool = ConnectionPool(configuration: db.configuration, size: 1)
            let pid = Box<Int32>(0)
            let task = Task {
                try await pool.withConnection { c in
                    pid.set(c.backendPID)
                    try c.query("SELECT pg_sleep(30)")
                }
            }
            let deadline = ContinuousClock.now + .seconds(30)
            while pid.current == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            try await CancellationTests.waitUntilSleeping(pid.current, in: db)
            let cancelled = ContinuousClock.now
            task.cancel()
            let outcome = try #require(await Blocking.result(of: task, within: .seconds(20)))
            #expect(cancelled.duration(to: .now) < .seconds(10))
            let error = try #require(throws: PostgresError.self) { try outcome.get() }
            #expect(error.sqlState == SQLState.queryCanceled)
            // The pool answers again, on a new session: a cancelled call's connection is not reused.
            let next = try await pool.withConnection { c in c.backendPID }
            #expect(next != pid.current)
            #expect(try await pool.withConnection { c in try c.query("SELECT 1").scalar(Int.self) } == 1)
            await pool.close()
        }
    }

    @Test("after a cancelled statement the rest of the pool call's statements refuse to run")
    func laterStatementsRefuse() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in try c.execute(script: "CREATE TABLE t (id int)") }
            let pool = ConnectionPool(configuration: db.configuration, size: 1)
            let pid = Box<Int32>(0)
            let task = Task {
                try await pool.withConnection { c in
                    pid.set(c.backendPID)
                    _ = try? c.query("SELECT pg_sleep(30)")
                    try c.query("INSERT INTO t VALUES (1)")
                }
            }
            let deadline = ContinuousClock.now + .seconds(30)
            while pid.current == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            try await CancellationTests.waitUntilSleeping(pid.current, in: db)
            task.cancel()
            let outcome = try #require(await Blocking.result(of: task, within: .seconds(20)))
            let error = try #require(throws: PostgresError.self) { try outcome.get() }
            #expect(error.kind == .cancelled)
            #expect(try await db.run { c in try c.query("SELECT count(*) FROM t").scalar(Int.self) } == 0)
            await pool.close()
        }
    }

    @Test("a pool call on a link that stopped answering ends soon after its task is cancelled; the pool recovers with the link")
    func blackholedPoolCall() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let proxy = try TCPProxy(to: TestCluster.port)
            defer { proxy.stop() }
            let configuration = try ConnectionConfiguration(
                "postgresql://postgres@127.0.0.1:\(proxy.port)/\(db.name)?connect_timeout=2")
            let pool = ConnectionPool(configuration: configuration, size: 1, cancellationGrace: .milliseconds(300))
            #expect(try await pool.withConnection { c in try c.query("SELECT 1").scalar(Int.self) } == 1)
            proxy.blackhole()
            let task = Task { try await pool.withConnection { c in try c.query("SELECT 2").scalar(Int.self) } }
            // Cancelled once the statement is in the dead link, not before the call began.
            let sent = ContinuousClock.now + .seconds(30)
            while !proxy.holdsUnforwardedBytes, ContinuousClock.now < sent { try await Task.sleep(for: .milliseconds(10)) }
            let cancelled = ContinuousClock.now
            task.cancel()
            let outcome = try #require(await Blocking.result(of: task, within: .seconds(20)), "the call still hangs")
            #expect(cancelled.duration(to: .now) < .seconds(10))
            let error = try #require(throws: PostgresError.self) { try outcome.get() }
            #expect(error.isConnectionFailure)
            proxy.restore()
            #expect(try await pool.withConnection { c in try c.query("SELECT 3").scalar(Int.self) } == 3)
            await pool.close()
        }
    }
}
