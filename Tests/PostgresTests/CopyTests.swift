import Postgres
import Testing
import TestSupport

@Suite("COPY FROM STDIN")
struct CopyTests {
    struct Boom: Error {}

    @Test("100,000 rows stream in")
    func hundredThousand() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let (stored, count, sum) = try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id bigint, label text, amount numeric)")
                let stored = try c.copyIn("COPY t (id, label, amount) FROM STDIN") { writer in
                    for i in 0..<100_000 {
                        try writer.write([String(i), "row \(i)", i % 7 == 0 ? nil : "\(i).25"])
                    }
                }
                let count = try c.query("SELECT count(*) FROM t").scalar(Int.self)
                let sum = try c.query("SELECT sum(id) FROM t").scalar(Int.self)
                return (stored, count, sum)
            }
            #expect(stored == 100_000)
            #expect(count == 100_000)
            #expect(sum == 99_999 * 100_000 / 2)
        }
    }

    @Test("tabs, newlines, backslashes, unicode and NULL survive")
    func escaping() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let values: [String?] = ["tab\there", "new\nline", "cr\rreturn", "back\\slash", "\\N", "中文 🚢", nil, ""]
            let back = try await db.run { c in
                try c.execute(script: "CREATE TABLE t (n int, v text)")
                try c.copyIn("COPY t (n, v) FROM STDIN") { writer in
                    for (i, v) in values.enumerated() { try writer.write([String(i), v]) }
                }
                return try c.query("SELECT v FROM t ORDER BY n").map { try $0.decode(String?.self, at: 0) }
            }
            #expect(back == values)
        }
    }

    @Test("an error in the writer aborts the copy and stores nothing")
    func abortOnThrow() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let count = try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id int)")
                #expect(throws: Boom.self) {
                    try c.copyIn("COPY t (id) FROM STDIN") { writer in
                        for i in 0..<10_000 { try writer.write([String(i)]) }
                        throw Boom()
                    }
                }
                return try c.query("SELECT count(*) FROM t").scalar(Int.self)
            }
            #expect(count == 0)
        }
    }

    @Test("a bad row is reported by the server and nothing is stored")
    func badRow() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                try c.execute(script: "CREATE TABLE t (id int CHECK (id < 500))")
                let error = try #require(throws: PostgresError.self) {
                    try c.copyIn("COPY t (id) FROM STDIN") { writer in
                        for i in 0..<1000 { try writer.write([String(i)]) }
                    }
                }
                #expect(error.isCheckViolation)
                #expect(try c.query("SELECT count(*) FROM t").scalar(Int.self) == 0)
                #expect(try c.query("SELECT 1").scalar(Int.self) == 1)
            }
        }
    }
    @Test("the COPY body cannot use the connection: a statement inside it is refused, not a deadlock")
    func bodySeesOnlyItsWriter() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in try c.execute(script: "CREATE TABLE t (id int)") }
            let connection = try await Blocking.run { try Connection(configuration: db.configuration) }
            let attempt = Task {
                try await Blocking.run { () -> (PostgresError?, Int) in
                    var inner: PostgresError?
                    let error = #expect(throws: PostgresError.self) {
                        try connection.copyIn("COPY t (id) FROM STDIN") { writer in
                            try writer.write(["1"])
                            do {
                                try connection.query("SELECT 1")
                            } catch let error as PostgresError {
                                inner = error
                                throw error
                            }
                        }
                    }
                    #expect(error?.kind == .usage)
                    return (inner, try connection.query("SELECT count(*) FROM t").scalar(Int.self))
                }
            }
            let outcome = try #require(await Blocking.result(of: attempt, within: .seconds(5)), "the COPY body deadlocked")
            let (inner, count) = try outcome.get()
            #expect(inner?.kind == .usage)
            #expect(inner?.message.contains("COPY") == true)
            #expect(count == 0)
            connection.close()
        }
    }
}
