import Postgres
import Testing
import TestSupport

@Suite("Prepared statements")
struct PreparedStatementTests {
    static let countPrepared = "SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT name FROM t WHERE id = $1'"

    @Test("a statement is prepared on its second run and reused from then on")
    func preparedOnSecondRun() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id int PRIMARY KEY, name text); INSERT INTO t VALUES (1, 'one'), (2, 'two')")
                #expect(try c.query("SELECT name FROM t WHERE id = $1", 1).scalar(String.self) == "one")
                #expect(try c.query(Self.countPrepared).scalar(Int.self) == 0)
                #expect(try c.query("SELECT name FROM t WHERE id = $1", 2).scalar(String.self) == "two")
                #expect(try c.query(Self.countPrepared).scalar(Int.self) == 1)
                for _ in 0..<5 {
                    #expect(try c.query("SELECT name FROM t WHERE id = $1", 1).scalar(String.self) == "one")
                }
                #expect(try c.query(Self.countPrepared).scalar(Int.self) == 1)
                // The same text with other parameter types is another statement.
                for _ in 0..<2 {
                    #expect(try c.query("SELECT name FROM t WHERE id = $1", Int32(2)).scalar(String.self) == "two")
                }
                #expect(try c.query(Self.countPrepared).scalar(Int.self) == 2)
            }
        }
    }

    @Test("a statement whose result changed shape fails once, then runs again")
    func stalePlanIsForgotten() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)")
                for _ in 0..<2 { _ = try c.query("SELECT * FROM t WHERE id = $1", 1) }
                try c.execute(script: "ALTER TABLE t ADD COLUMN name text DEFAULT 'x'")
                let error = #expect(throws: PostgresError.self) { try c.query("SELECT * FROM t WHERE id = $1", 1) }
                #expect(error?.sqlState == "0A000")
                let rows = try c.query("SELECT * FROM t WHERE id = $1", 1)
                #expect(rows.columns.count == 2)
                #expect(try c.query("SELECT * FROM t WHERE id = $1", 1).columns.count == 2)
            }
        }
    }

    @Test("a failed preparation leaves no statement behind and reports the server's error")
    func failedPreparation() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                for _ in 0..<3 {
                    let error = #expect(throws: PostgresError.self) { try c.query("SELECT nope FROM missing WHERE id = $1", 1) }
                    #expect(error?.sqlState == "42P01")
                }
                let left = try c.query("SELECT count(*) FROM pg_prepared_statements").scalar(Int.self)
                #expect(left == 0)
            }
        }
    }
}
