import Foundation
import Postgres
import Testing
import TestSupport

/// Sessions through Debian's PgBouncer: what a connection must not rely on when each
/// transaction may run on a different server session.
@Suite("Connections through PgBouncer", .enabled(if: PgBouncer.binary != nil, "pgbouncer is not installed (Scripts/test.sh installs it as root); skipped"))
struct PoolerTests {
    @Test("a session through PgBouncer, in either mode, is known as pooled; a direct one is not", arguments: [PgBouncer.Mode.session, .transaction])
    func detected(mode: PgBouncer.Mode) async throws {
        try await TestDatabase.with(migrated: false) { db in
            let bouncer = try await PgBouncer(mode: mode)
            defer { bouncer.stop() }
            let (direct, pooled) = try await Blocking.run { [url = bouncer.url(database: db.name)] () -> (Bool, Bool) in
                let direct = try Connection(configuration: db.configuration)
                defer { direct.close() }
                let pooled = try Connection(configuration: ConnectionConfiguration(url))
                defer { pooled.close() }
                return (direct.isPooled, pooled.isPooled)
            }
            #expect(!direct)
            #expect(pooled)
        }
    }

    @Test("in transaction mode, clients that share server sessions each run their own statements, again and again, in and out of transactions")
    func statementsNeverMixed() async throws {
        try await TestDatabase.with(migrated: false) { db in
            // One server session for three clients: every statement of each runs where the
            // others' ran. Statements prepared under a name would collide or go missing.
            let bouncer = try await PgBouncer(mode: .transaction, poolSize: 1)
            defer { bouncer.stop() }
            let url = bouncer.url(database: db.name)
            let clients = try await Blocking.run { () -> [Connection] in
                try (0..<3).map { _ in try Connection(configuration: ConnectionConfiguration(url)) }
            }
            defer { clients.forEach { $0.close() } }
            var wrong: [String] = []
            for round in 0..<20 {
                for (index, client) in clients.enumerated() {
                    // Each client's statement has its own text, so a statement run under
                    // another client's name would answer with the other's offset.
                    let sql = "SELECT $1::int + \(index * 1000) AS v"
                    let (outside, inside) = try await Blocking.run { () -> (Int, Int) in
                        let outside = try client.query(sql, round).scalar(Int.self)
                        let inside = try client.transaction { c in try c.query(sql, round + 1).scalar(Int.self) }
                        return (outside, inside)
                    }
                    if outside != round + index * 1000 || inside != round + 1 + index * 1000 {
                        wrong.append("round \(round), client \(index): \(outside), \(inside)")
                    }
                }
            }
            #expect(wrong.isEmpty)
        }
    }

    @Test("through a transaction pooler the timeouts hold in every transaction and never stay on the server session")
    func timeoutsPerTransaction() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let bouncer = try await PgBouncer(mode: .transaction, poolSize: 1)
            defer { bouncer.stop() }
            var configuration = try ConnectionConfiguration(bouncer.url(database: db.name))
            configuration.statementTimeout = .milliseconds(300)
            configuration.lockTimeout = .milliseconds(250)
            let plain = try ConnectionConfiguration(bouncer.url(database: db.name))
            let (shown, cancelled, left) = try await Blocking.run { [configuration] () -> ([String], String?, String) in
                let timed = try Connection(configuration: configuration)
                defer { timed.close() }
                let shown = try timed.transaction { c in
                    try ["statement_timeout", "lock_timeout"].map { try c.query("SELECT current_setting($1)", $0).scalar(String.self) }
                }
                var cancelled: String?
                do {
                    try timed.transaction { c in _ = try c.query("SELECT pg_sleep(5)") }
                } catch let error as PostgresError {
                    cancelled = error.sqlState
                }
                // The pool's one server session, as the next client finds it.
                let other = try Connection(configuration: plain)
                defer { other.close() }
                return (shown, cancelled, try other.query("SHOW statement_timeout").scalar(String.self))
            }
            #expect(shown == ["300ms", "250ms"])
            #expect(cancelled == SQLState.queryCanceled)
            #expect(left == "0")
        }
    }

    @Test("LISTEN through a pooler is refused, saying why")
    func listenRefused() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let bouncer = try await PgBouncer(mode: .session)
            defer { bouncer.stop() }
            let refusal = try await Blocking.run { [url = bouncer.url(database: db.name)] () -> PostgresError? in
                let connection = try Connection(configuration: ConnectionConfiguration(url))
                defer { connection.close() }
                do {
                    try connection.listen("anything")
                    return nil
                } catch let error as PostgresError {
                    return error
                }
            }
            #expect(refusal == .listenThroughPooler)
            #expect(refusal?.description.contains("pooler") == true)
        }
    }
}
