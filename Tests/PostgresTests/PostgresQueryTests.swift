import Postgres
import Testing
import TestSupport

@Suite("Typed queries: interpolation binds")
struct PostgresQueryTests {
    @Test("each interpolated value becomes the next placeholder and a parameter of its own type")
    func placeholders() {
        let code = "P-1'; DROP TABLE projects; --"
        let minimum = 42
        let query: PostgresQuery = "SELECT name FROM projects WHERE code = \(code) AND value > \(minimum) AND note IS \(String?.none)"
        #expect(query.sql == "SELECT name FROM projects WHERE code = $1 AND value > $2 AND note IS $3")
        #expect(query.binds == [PostgresBind(code), PostgresBind(minimum), PostgresBind(String?.none)])
    }

    @Test("unescaped text is pasted as it is; nothing else is")
    func unescaped() {
        let column = "code"
        let query: PostgresQuery = "SELECT \(unescaped: column) FROM projects ORDER BY \(unescaped: column) LIMIT \(10)"
        #expect(query.sql == "SELECT code FROM projects ORDER BY code LIMIT $1")
        #expect(query.binds.count == 1)
    }

    @Test("a fragment keeps its parameters, renumbered after the ones before it, and leaves quoted text alone")
    func fragments() {
        let fragment: PostgresQuery = "kind = \(kind()) AND note <> '$1'"
        let query: PostgresQuery = "SELECT 1 WHERE id = \(7) AND \(fragment) AND owner = \("me")"
        #expect(query.sql == "SELECT 1 WHERE id = $1 AND kind = $2 AND note <> '$1' AND owner = $3")
        #expect(query.binds == [PostgresBind(7), PostgresBind("noop"), PostgresBind("me")])
    }

    func kind() -> String { "noop" }

    @Test("a hostile value round-trips through the server as data")
    func serverRoundTrip() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let hostile = "x'); DROP TABLE t; --"
            let back = try await db.run { c -> String in
                try c.query("CREATE TEMP TABLE t (v text)" as PostgresQuery)
                try c.query("INSERT INTO t VALUES (\(hostile))" as PostgresQuery)
                return try c.query("SELECT v FROM t WHERE v = \(hostile)" as PostgresQuery).scalar(String.self)
            }
            #expect(back == hostile)
        }
    }

    struct Doubled: PostgresPreparedStatement {
        let value: Int
        let label: String
        var query: PostgresQuery { "SELECT \(value)::int8 * 2 AS doubled, \(label)::text AS label" }
        func decode(_ row: PostgresRow) throws -> (Int, String) { (try row.decode(Int.self, "doubled"), try row.decode(String.self, "label")) }
    }

    @Test("a prepared statement decodes its rows by column name; prepareOnly checks SQL against the schema without running it")
    func preparedStatements() async throws {
        try await TestDatabase.with { db in
            let rows = try await db.run { c in try c.run(Doubled(value: 21, label: "x")) }
            #expect(rows.count == 1 && rows[0].0 == 42 && rows[0].1 == "x")
            try await db.run { c in try c.prepareOnly("SELECT code FROM projects WHERE code = $1", types: [.text]) }
            do {
                try await db.run { c in try c.prepareOnly("SELECT no_such_column FROM projects") }
                Issue.record("a missing column was accepted")
            } catch let error as PostgresError {
                #expect(error.sqlState == "42703", "\(error)")
            }
            // Nothing ran: preparing a DELETE leaves the rows.
            let before = try await db.run { c in try c.query("SELECT count(*) FROM jobs").scalar(Int.self) }
            try await db.run { c in try c.prepareOnly("DELETE FROM jobs") }
            #expect(try await db.run { c in try c.query("SELECT count(*) FROM jobs").scalar(Int.self) } == before)
        }
    }
}
