import Foundation
@testable import Postgres
import Synchronization
import Testing
import TestSupport

@Suite("Connection pool")
struct PoolTests {
    @Test("200 concurrent callers share exactly 4 connections, all 4 in use at once, and all succeed")
    func concurrentUse() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in try c.execute(script: "CREATE TABLE hits (pid int, n int)") }
            final class Gauge: Sendable {
                let inUse = Mutex((now: 0, most: 0))
            }
            let gauge = Gauge()
            let pids = try await withThrowingTaskGroup(of: Int32.self) { group in
                for n in 0..<200 {
                    group.addTask {
                        try await db.pool.withConnection { c in
                            gauge.inUse.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                            defer { gauge.inUse.withLock { $0.now -= 1 } }
                            try c.query("INSERT INTO hits SELECT pg_backend_pid(), $1 FROM pg_sleep(0.005)", n)
                            return c.backendPID
                        }
                    }
                }
                var seen: Set<Int32> = []
                for try await pid in group { seen.insert(pid) }
                return seen
            }
            #expect(pids.count == db.pool.size)
            #expect(gauge.inUse.withLock { $0.most } == db.pool.size)
            let count = try await db.run { c in try c.query("SELECT count(DISTINCT n) FROM hits").scalar(Int.self) }
            #expect(count == 200)
            let backends = try await db.run { c in try c.query("SELECT count(DISTINCT pid) FROM hits").scalar(Int.self) }
            #expect(backends == db.pool.size)
        }
    }

    @Test("a connection is used by one caller at a time")
    func exclusiveUse() async throws {
        try await TestDatabase.with(migrated: false) { db in
            final class Tracker: Sendable {
                let inUse = Mutex<Set<Int32>>([])
                let overlaps = Mutex(0)
            }
            let tracker = Tracker()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        try await db.pool.withConnection { c in
                            let pid = c.backendPID
                            let fresh = tracker.inUse.withLock { $0.insert(pid).inserted }
                            if !fresh { tracker.overlaps.withLock { $0 += 1 } }
                            try c.query("SELECT pg_sleep(0.005)")
                            tracker.inUse.withLock { _ = $0.remove(pid) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(tracker.overlaps.withLock { $0 } == 0)
        }
    }

    @Test("a broken connection is detected and replaced")
    func replacesBroken() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let pool = ConnectionPool(configuration: db.configuration, size: 1)
            let first = try await pool.withConnection { c in c.backendPID }
            _ = try await db.run { c in try c.query("SELECT pg_terminate_backend($1)", first) }
            // The next use finds the connection dead; afterwards it is replaced.
            var failures = 0
            var second: Int32 = 0
            for _ in 0..<3 {
                do {
                    second = try await pool.withConnection { c in
                        try c.query("SELECT 1")
                        return c.backendPID
                    }
                    break
                } catch let error as PostgresError {
                    #expect(error.isConnectionFailure)
                    failures += 1
                }
            }
            #expect(failures <= 1)
            #expect(second != 0)
            #expect(second != first)
            await pool.close()
        }
    }

    @Test("a closed pool refuses work")
    func closed() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let pool = ConnectionPool(configuration: db.configuration, size: 2)
            _ = try await pool.withConnection { c in try c.query("SELECT 1") }
            await pool.close()
            await #expect(throws: PostgresError.self) { try await pool.withConnection { _ in 1 } }
        }
    }

    @Test("a caller waiting for a connection can be cancelled")
    func cancelWaiter() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let pool = ConnectionPool(configuration: db.configuration, size: 1)
            // The one connection is held until the test lets go, so the caller below waits.
            let holder = try await PoolHolder.hold(pool)
            let waiter = Task { try await pool.withConnection { _ in 42 } }
            while pool.waitingCount < 1 { try await Task.sleep(for: .milliseconds(5)) }
            waiter.cancel()
            await #expect(throws: CancellationError.self) { try await waiter.value }
            #expect(pool.waitingCount == 0)
            #expect(try await holder.release() == 1)
            #expect(try await pool.withConnection { _ in 7 } == 7)
            await pool.close()
        }
    }
}
