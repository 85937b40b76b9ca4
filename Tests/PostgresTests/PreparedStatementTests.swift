@testable import Postgres
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

    static func prepared(_ c: Connection, _ sql: String) throws -> Int {
        try c.query("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", sql).scalar(Int.self)
    }

    @Test("a statement whose result changed shape is prepared again and runs at once")
    func stalePlanIsReprepared() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let (columns, preparedCount) = try await db.run { c in
                let sql = "SELECT * FROM t WHERE id = $1"
                try c.execute(script: "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)")
                for _ in 0..<2 { _ = try c.query(sql, 1) }
                #expect(try PreparedStatementTests.prepared(c, sql) == 1)
                try c.execute(script: "ALTER TABLE t ADD COLUMN name text DEFAULT 'x'")
                let columns = try c.query(sql, 1).columns.count
                #expect(try c.query(sql, 1).columns.count == 2)
                // The stale statement was deallocated; only its new preparation remains.
                return (columns, try PreparedStatementTests.prepared(c, sql))
            }
            #expect(columns == 2)
            #expect(preparedCount == 1)
        }
    }

    @Test("statements the server dropped (DEALLOCATE ALL, DISCARD ALL) are prepared again and run", arguments: [
        "DEALLOCATE ALL", "DISCARD ALL",
    ])
    func droppedStatementsReprepared(_ reset: String) async throws {
        try await TestDatabase.with(migrated: false) { db in
            let (values, preparedCount) = try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id int PRIMARY KEY, name text); INSERT INTO t VALUES (1, 'one'), (2, 'two')")
                let sqls = ["SELECT name FROM t WHERE id = $1", "SELECT id FROM t WHERE name = $1::text"]
                for _ in 0..<2 {
                    _ = try c.query(sqls[0], 1)
                    _ = try c.query(sqls[1], "one")
                }
                try c.execute(script: reset)
                let values = [
                    try c.query(sqls[0], 2).scalar(String.self), String(try c.query(sqls[1], "two").scalar(Int.self)),
                    try c.query(sqls[0], 1).scalar(String.self),
                ]
                return (values, try sqls.map { try PreparedStatementTests.prepared(c, $0) })
            }
            #expect(values == ["two", "2", "one"])
            #expect(preparedCount == [1, 1])
        }
    }

    @Test("inside a transaction a stale statement fails that transaction only; the next one runs")
    func stalePlanInTransaction() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                let sql = "SELECT * FROM t WHERE id = $1"
                try c.execute(script: "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)")
                let names = "SELECT name FROM pg_prepared_statements WHERE statement = $1"
                for _ in 0..<2 { _ = try c.query(sql, 1) }
                let stale = try c.query(names, sql).scalar(String.self)
                try c.execute(script: "ALTER TABLE t ADD COLUMN name text DEFAULT 'x'")
                let error = #expect(throws: PostgresError.self) {
                    try c.transaction { c in try c.query(sql, 1).columns.count }
                }
                #expect(error?.sqlState == SQLState.featureNotSupported)
                #expect(try c.transaction { c in try c.query(sql, 1).columns.count } == 2)
                _ = try c.query("SELECT 1")
                // Prepared again under a new name on its next run; the stale one was deallocated.
                let now = try c.query(names, sql).map { try $0.decode(String.self, at: 0) }
                #expect(now.count == 1)
                #expect(!now.contains(stale))
            }
        }
    }

    @Test("the cache keeps the most recently used statements and deallocates what it evicts")
    func evictionDeallocates() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let (total, first, last) = try await db.run { c in
                let count = StatementCache.defaultLimit + 40
                let sqls = (0..<count).map { "SELECT $1::int + \($0)" }
                for sql in sqls {
                    for _ in 0..<2 { _ = try c.query(sql, 1) }
                }
                _ = try c.query("SELECT 1")
                let total = try c.query("SELECT count(*) FROM pg_prepared_statements").scalar(Int.self)
                return (total, try PreparedStatementTests.prepared(c, sqls[0]), try PreparedStatementTests.prepared(c, sqls[count - 1]))
            }
            #expect(total == StatementCache.defaultLimit)
            #expect(first == 0)
            #expect(last == 1)
        }
    }

    @Test("eviction picks the least recently used statement")
    func leastRecentlyUsed() {
        var cache = StatementCache(limit: 2)
        func key(_ n: Int) -> StatementCache.Key { StatementCache.Key(sql: "q\(n)", types: []) }
        func prepare(_ n: Int) {
            #expect(cache.plan(for: key(n)) == .unnamed)
            guard case .prepare(let name) = cache.plan(for: key(n)) else {
                Issue.record("q\(n) was not prepared on its second run")
                return
            }
            cache.prepared(key(n), as: name)
        }
        prepare(1)
        prepare(2)
        #expect(cache.plan(for: key(1)) == .execute("portfolio_s1"))
        prepare(3)
        #expect(cache.pendingDeallocation == ["portfolio_s2"])
        #expect(cache.plan(for: key(1)) == .execute("portfolio_s1"))
        #expect(cache.plan(for: key(3)) == .execute("portfolio_s3"))
        #expect(cache.count == 2)
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
