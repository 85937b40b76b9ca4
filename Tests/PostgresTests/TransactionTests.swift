import Postgres
import Testing
import TestSupport

@Suite("Transactions")
struct TransactionTests {
    struct Boom: Error {}

    @Test("a thrown error rolls everything back")
    func rollbackOnThrow() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let count = try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id int PRIMARY KEY)")
                #expect(throws: Boom.self) {
                    try c.transaction { c in
                        try c.query("INSERT INTO t VALUES ($1)", 1)
                        try c.query("INSERT INTO t VALUES ($1)", 2)
                        throw Boom()
                    }
                }
                #expect(!c.isInTransaction)
                return try c.query("SELECT count(*) FROM t").scalar(Int.self)
            }
            #expect(count == 0)
        }
    }

    @Test("a server error inside rolls back, and the connection stays usable")
    func rollbackOnServerError() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id int PRIMARY KEY)")
                let error = try #require(throws: PostgresError.self) {
                    try c.transaction { c in
                        try c.query("INSERT INTO t VALUES ($1)", 1)
                        try c.query("INSERT INTO t VALUES ($1)", 1)
                    }
                }
                #expect(error.isUniqueViolation)
                #expect(try c.query("SELECT count(*) FROM t").scalar(Int.self) == 0)
            }
        }
    }

    @Test("commit keeps the work; a nested failure undoes only the inner part")
    func commitAndSavepoint() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let ids = try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id int PRIMARY KEY)")
                try c.transaction { c in
                    try c.query("INSERT INTO t VALUES ($1)", 1)
                    try? c.transaction { c in
                        try c.query("INSERT INTO t VALUES ($1)", 2)
                        throw Boom()
                    }
                    try c.query("INSERT INTO t VALUES ($1)", 3)
                }
                return try c.query("SELECT id FROM t ORDER BY id").map { try $0.decode(Int.self, at: 0) }
            }
            #expect(ids == [1, 3])
        }
    }

    @Test("a body that swallows a failed statement makes the transaction throw and commits nothing")
    func swallowedErrorIsNotCommitted() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id int PRIMARY KEY)")
                let error = try #require(throws: PostgresError.self) {
                    try c.transaction { c -> Int in
                        try c.query("INSERT INTO t VALUES ($1)", 1)
                        _ = try? c.query("SELECT 1 / 0")
                        return 42
                    }
                }
                #expect(error.kind == .server)
                #expect(error.sqlState == SQLState.transactionRollback)
                #expect(!error.isRetryable)
                #expect(!c.isInTransaction)
                #expect(try c.query("SELECT count(*) FROM t").scalar(Int.self) == 0)
                // The connection is usable and a later transaction commits.
                _ = try c.transaction { c in try c.query("INSERT INTO t VALUES ($1)", 2) }
                #expect(try c.query("SELECT count(*) FROM t").scalar(Int.self) == 1)
            }
        }
    }

    @Test("a swallowed failure in the other isolation levels is refused the same way", arguments: [
        Connection.IsolationLevel.repeatableRead, .serializable,
    ])
    func swallowedErrorAtIsolation(_ level: Connection.IsolationLevel) async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id int PRIMARY KEY)")
                let error = try #require(throws: PostgresError.self) {
                    try c.transaction(isolation: level) { c in
                        try c.query("INSERT INTO t VALUES ($1)", 1)
                        _ = try? c.query("INSERT INTO t VALUES ($1)", 1)
                    }
                }
                #expect(error.sqlState == SQLState.transactionRollback)
                #expect(try c.query("SELECT count(*) FROM t").scalar(Int.self) == 0)
            }
        }
    }

    @Test("a swallowed failure inside a nested transaction fails the nested one only")
    func swallowedErrorInSavepoint() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let ids = try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id int PRIMARY KEY)")
                try c.transaction { c in
                    try c.query("INSERT INTO t VALUES ($1)", 1)
                    let error = #expect(throws: PostgresError.self) {
                        try c.transaction { c in
                            try c.query("INSERT INTO t VALUES ($1)", 2)
                            _ = try? c.query("SELECT 1 / 0")
                        }
                    }
                    #expect(error?.sqlState == SQLState.transactionRollback)
                    try c.query("INSERT INTO t VALUES ($1)", 3)
                }
                return try c.query("SELECT id FROM t ORDER BY id").map { try $0.decode(Int.self, at: 0) }
            }
            #expect(ids == [1, 3])
        }
    }

    @Test("a body that ends the transaction itself is refused", arguments: ["ROLLBACK", "COMMIT"])
    func bodyEndsTransaction(_ statement: String) async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id int PRIMARY KEY)")
                let error = try #require(throws: PostgresError.self) {
                    try c.transaction { c in
                        try c.query("INSERT INTO t VALUES ($1)", 1)
                        try c.execute(script: statement)
                    }
                }
                #expect(error.kind == .usage)
                #expect(!c.isInTransaction)
            }
        }
    }

    @Test("serializable isolation is applied")
    func isolation() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let level = try await db.run { c in
                try c.transaction(isolation: .serializable) { c in
                    try c.query("SHOW transaction_isolation").scalar(String.self)
                }
            }
            #expect(level == "serializable")
        }
    }
}
