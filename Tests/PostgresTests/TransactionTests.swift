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
