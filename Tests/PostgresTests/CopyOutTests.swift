import Postgres
import Testing
import TestSupport

@Suite("COPY TO STDOUT")
struct CopyOutTests {
    struct Boom: Error {}

    @Test("rows stream out as the server formats them and read back in unchanged; a failing body leaves the connection usable")
    func roundTrip() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id bigint, label text); CREATE TABLE u (id bigint, label text)")
                try c.copyIn("COPY t (id, label) FROM STDIN") { writer in
                    for i in 0..<20_000 { try writer.write([String(i), i % 3 == 0 ? "a, \"quoted\"\nline \(i)" : nil]) }
                }
                var bytes: [UInt8] = []
                let rows = try c.copyOut("COPY (SELECT id, label FROM t ORDER BY id) TO STDOUT (FORMAT csv, HEADER true)") { bytes += $0 }
                #expect(rows == 20_000)
                let stored = try c.copyIn("COPY u (id, label) FROM STDIN (FORMAT csv, HEADER match)") { writer in try writer.writeRaw(bytes) }
                #expect(stored == 20_000)
                #expect(try c.query("SELECT count(*) FROM (SELECT * FROM t EXCEPT SELECT * FROM u) d").scalar(Int.self) == 0)
                #expect(try c.query("SELECT count(*) FROM u WHERE label IS NULL").scalar(Int.self) == 13_333)

                #expect(throws: Boom.self) { try c.copyOut("COPY t TO STDOUT") { _ in throw Boom() } }
                #expect(try c.query("SELECT 1").scalar(Int.self) == 1)
                let notCopy = #expect(throws: PostgresError.self) { try c.copyOut("SELECT 1") { _ in } }
                #expect(notCopy?.kind == .usage)
                let refused = #expect(throws: PostgresError.self) { try c.copyOut("COPY missing TO STDOUT") { _ in } }
                #expect(refused?.kind == .server)
                #expect(try c.query("SELECT 1").scalar(Int.self) == 1)
            }
        }
    }
}
