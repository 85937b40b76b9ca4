import CLibPQ
@testable import Postgres
import Testing
import TestSupport

@Suite("Pool release")
struct PoolReleaseTests {
    /// What the next caller of a one-connection pool finds after `body` ran on it.
    struct Found: Sendable, Equatable {
        var pid: Int32
        var status: Connection.TransactionStatus
        var rows: Int
    }

    static func leaveAndInspect(
        _ db: TestDatabase, _ body: @escaping @Sendable (Connection) throws -> Void
    ) async throws -> (before: Int32, after: Found) {
        try await db.run { c in try c.execute(script: "CREATE TABLE IF NOT EXISTS t (id int)") }
        let pool = ConnectionPool(configuration: db.configuration, size: 1)
        let before = try await pool.withConnection { c in
            try body(c)
            return c.backendPID
        }
        let after = try await pool.withConnection { c in
            Found(pid: c.backendPID, status: c.transactionStatus, rows: try c.query("SELECT count(*) FROM t").scalar(Int.self))
        }
        #expect(try await pool.withConnection { c in try c.query("SELECT 1").scalar(Int.self) } == 1)
        await pool.close()
        return (before, after)
    }

    @Test("a connection left in a transaction is rolled back before its next use")
    func leftInTransaction() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let (before, after) = try await PoolReleaseTests.leaveAndInspect(db) { c in
                try c.execute(script: "BEGIN")
                try c.query("INSERT INTO t VALUES ($1)", 1)
            }
            #expect(after == Found(pid: before, status: .idle, rows: 0))
        }
    }

    @Test("a connection left in a failed transaction is rolled back before its next use")
    func leftInFailedTransaction() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let (before, after) = try await PoolReleaseTests.leaveAndInspect(db) { c in
                try c.execute(script: "BEGIN")
                try c.query("INSERT INTO t VALUES ($1)", 1)
                _ = try? c.query("SELECT 1 / 0")
            }
            #expect(after == Found(pid: before, status: .idle, rows: 0))
        }
    }

    @Test("a body that throws inside its own transaction leaves no transaction behind")
    func throwsInsideTransaction() async throws {
        try await TestDatabase.with(migrated: false) { db in
            struct Boom: Error {}
            try await db.run { c in try c.execute(script: "CREATE TABLE t (id int)") }
            let pool = ConnectionPool(configuration: db.configuration, size: 1)
            await #expect(throws: Boom.self) {
                try await pool.withConnection { c in
                    try c.execute(script: "BEGIN")
                    try c.query("INSERT INTO t VALUES ($1)", 1)
                    throw Boom()
                }
            }
            let after = try await pool.withConnection { c in (c.transactionStatus, try c.query("SELECT count(*) FROM t").scalar(Int.self)) }
            #expect(after.0 == .idle)
            #expect(after.1 == 0)
            await pool.close()
        }
    }

    @Test("a connection left in pipeline mode is replaced")
    func leftInPipelineMode() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let (before, after) = try await PoolReleaseTests.leaveAndInspect(db) { c in
                try c.withHandle { pointer in
                    guard PQenterPipelineMode(pointer) == 1 else { throw PostgresError(.usage, "no pipeline mode") }
                }
                #expect(c.isInPipelineMode)
            }
            #expect(after.pid != before)
            #expect(after.status == .idle)
        }
    }

    @Test("a COPY started outside copyIn is ended and refused, leaving the session idle", arguments: [
        "COPY t TO STDOUT", "COPY t FROM STDIN", "COPY (SELECT generate_series(1, 100000)) TO STDOUT",
    ])
    func leftInCopy(_ statement: String) async throws {
        try await TestDatabase.with(migrated: false) { db in
            let (before, after) = try await PoolReleaseTests.leaveAndInspect(db) { c in
                try c.query("INSERT INTO t VALUES ($1)", 1)
                let error = #expect(throws: PostgresError.self) { try c.execute(script: statement) }
                #expect(error?.kind == .usage)
                #expect(c.transactionStatus == .idle)
                let viaQuery = #expect(throws: PostgresError.self) { try c.query(statement) }
                #expect(viaQuery?.kind == .usage)
                #expect(try c.query("SELECT count(*) FROM t").scalar(Int.self) == 1)
            }
            #expect(after == Found(pid: before, status: .idle, rows: 1))
        }
    }

    @Test("a connection left busy, its statement's results unread, is replaced")
    func leftBusy() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let (before, after) = try await PoolReleaseTests.leaveAndInspect(db) { c in
                try c.withHandle { pointer in
                    guard PQsendQuery(pointer, "SELECT pg_sleep(0.05)") == 1 else { throw PostgresError(.usage, "not sent") }
                }
                #expect(c.transactionStatus == .active)
            }
            #expect(after.pid != before)
            #expect(after.status == .idle)
        }
    }

    @Test("a healthy idle connection is kept")
    func idleKept() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let (before, after) = try await PoolReleaseTests.leaveAndInspect(db) { c in
                _ = try c.transaction { c in try c.query("INSERT INTO t VALUES ($1)", 1) }
            }
            #expect(after == Found(pid: before, status: .idle, rows: 1))
        }
    }
}
