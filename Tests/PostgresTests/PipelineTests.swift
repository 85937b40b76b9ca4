import Postgres
import Testing
import TestSupport

@Suite("Pipeline mode")
struct PipelineTests {
    @Test("a batch of 10,000 inserts runs, returning each row")
    func batch() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let (results, count) = try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id bigint PRIMARY KEY, label text)")
                let rows = (0..<10_000).map { [PostgresBind($0), PostgresBind("label \($0)")] }
                let results = try c.executeBatch(
                    "INSERT INTO t (id, label) VALUES ($1, $2) RETURNING id * 2", types: [.int8, .text], rows: rows, chunkSize: 700)
                return (results, try c.query("SELECT count(*) FROM t").scalar(Int.self))
            }
            #expect(count == 10_000)
            #expect(results.count == 10_000)
            #expect(try results[4321].scalar(Int.self) == 8642)
        }
    }

    @Test("a failing row fails the whole batch and stores nothing")
    func failure() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id bigint PRIMARY KEY)")
                var rows = (0..<3000).map { [PostgresBind($0)] }
                rows[2500] = [PostgresBind(17)]
                let error = try #require(throws: PostgresError.self) {
                    try c.executeBatch("INSERT INTO t (id) VALUES ($1)", types: [.int8], rows: rows, chunkSize: 1000)
                }
                #expect(error.isUniqueViolation)
                #expect(try c.query("SELECT count(*) FROM t").scalar(Int.self) == 0)
                #expect(!c.isInTransaction)
            }
        }
    }

    @Test("inside a caller's transaction the batch rolls back with it")
    func insideTransaction() async throws {
        try await TestDatabase.with(migrated: false) { db in
            struct Boom: Error {}
            let count = try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id bigint)")
                try? c.transaction { c in
                    try c.executeBatch("INSERT INTO t (id) VALUES ($1)", types: [.int8], rows: [[PostgresBind(1)], [PostgresBind(2)]])
                    throw Boom()
                }
                return try c.query("SELECT count(*) FROM t").scalar(Int.self)
            }
            #expect(count == 0)
        }
    }
}
