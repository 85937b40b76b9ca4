import Foundation
@testable import Postgres
import Testing
import TestSupport

@Suite("Connection defaults and timeouts")
struct TimeoutTests {
    static let defaults = [
        "connect_timeout": "10", "keepalives": "1", "keepalives_idle": "30", "keepalives_interval": "10",
        "keepalives_count": "3", "tcp_user_timeout": "30000",
    ]

    static func options(_ configuration: ConnectionConfiguration) async throws -> [String: String] {
        try await Blocking.run {
            let connection = try Connection(configuration: configuration)
            defer { connection.close() }
            return connection.effectiveOptions
        }
    }

    @Test("a connection gets the timeout and keepalive defaults")
    func defaultsApplied() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let options = try await TimeoutTests.options(db.configuration)
            for (keyword, value) in TimeoutTests.defaults {
                #expect(options[keyword] == value, "\(keyword)")
            }
            #expect(options["password"] == nil)
        }
    }

    @Test("a URL or keyword string that sets one keeps its value and gets the other defaults")
    func defaultsOverridden() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let url = try ConnectionConfiguration(
                "postgresql://postgres@127.0.0.1:\(TestCluster.port)/\(db.name)?connect_timeout=3&keepalives_idle=7&tcp_user_timeout=1234")
            let fromURL = try await TimeoutTests.options(url)
            #expect(fromURL["connect_timeout"] == "3")
            #expect(fromURL["keepalives_idle"] == "7")
            #expect(fromURL["tcp_user_timeout"] == "1234")
            #expect(fromURL["keepalives"] == "1")
            #expect(fromURL["keepalives_count"] == "3")

            let keywords = try ConnectionConfiguration(
                "host=127.0.0.1 port=\(TestCluster.port) user=postgres dbname=\(db.name) keepalives=0 keepalives_count=9")
            let fromKeywords = try await TimeoutTests.options(keywords)
            #expect(fromKeywords["keepalives"] == "0")
            #expect(fromKeywords["keepalives_count"] == "9")
            #expect(fromKeywords["connect_timeout"] == "10")
        }
    }

    @Test("a default is not applied over an environment variable or a service")
    func defaultsYieldToEnvironment() throws {
        let plain = try ConnectionConfiguration("postgresql://u@h/db")
        #expect(plain.defaultsToApply(environment: [:]).map(\.keyword) == ConnectionConfiguration.connectionDefaults.map(\.keyword))
        #expect(!plain.defaultsToApply(environment: ["connect_timeout": "4"]).contains { $0.keyword == "connect_timeout" })
        #expect(plain.defaultsToApply(environment: ["service": "db"]).isEmpty)
        #expect(try ConnectionConfiguration("service=db").defaultsToApply(environment: [:]).isEmpty)
    }

    @Test("a server that accepts but never answers fails the connection within connect_timeout")
    func blackholedConnect() async throws {
        let proxy = try TCPProxy(to: TestCluster.port, forwarding: false)
        defer { proxy.stop() }
        let configuration = try ConnectionConfiguration("postgresql://postgres@127.0.0.1:\(proxy.port)/postgres?connect_timeout=2&sslmode=disable&gssencmode=disable")
        let (error, elapsed) = try await Blocking.run { () -> (PostgresError?, Duration) in
            let started = ContinuousClock.now
            do {
                _ = try Connection(configuration: configuration)
                return (nil, started.duration(to: .now))
            } catch let error as PostgresError {
                return (error, started.duration(to: .now))
            }
        }
        #expect(error?.kind == .connection)
        #expect(error?.isConnectionFailure == true)
        // One attempt (no SSL or GSS retry), bounded by connect_timeout=2. libpq's clock rounds
        // to whole seconds; the bound leaves room for a loaded machine and stays below the 10 s
        // default, so the URL's value is the one in force.
        #expect(elapsed >= .milliseconds(1500))
        #expect(elapsed < .seconds(9))
    }

    @Test("statement, lock and idle-in-transaction timeouts are set on the session")
    func sessionTimeouts() async throws {
        try await TestDatabase.with(migrated: false) { db in
            var configuration = db.configuration
            configuration.statementTimeout = .milliseconds(300)
            configuration.lockTimeout = .milliseconds(250)
            configuration.idleInTransactionTimeout = .seconds(60)
            let shown = try await Blocking.run { [configuration] () -> [String] in
                let connection = try Connection(configuration: configuration)
                defer { connection.close() }
                return try ["statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout"].map {
                    try connection.query("SELECT current_setting($1)", $0).scalar(String.self)
                }
            }
            #expect(shown == ["300ms", "250ms", "1min"])
            let plain = try await db.run { c in try c.query("SHOW statement_timeout").scalar(String.self) }
            #expect(plain == "0")
        }
    }

    @Test("a statement past statement_timeout is cancelled by the server")
    func statementTimeout() async throws {
        try await TestDatabase.with(migrated: false) { db in
            var configuration = db.configuration
            configuration.statementTimeout = .milliseconds(300)
            let started = ContinuousClock.now
            let error = try await Blocking.run { [configuration] () -> PostgresError? in
                let connection = try Connection(configuration: configuration)
                defer { connection.close() }
                do {
                    try connection.query("SELECT pg_sleep(10)")
                    return nil
                } catch let error as PostgresError {
                    return error
                }
            }
            #expect(error?.sqlState == SQLState.queryCanceled)
            #expect(started.duration(to: .now) < .seconds(8))
        }
    }

    @Test("a statement waiting for a lock past lock_timeout fails with 55P03")
    func lockTimeout() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in try c.execute(script: "CREATE TABLE t (id int)") }
            var configuration = db.configuration
            configuration.lockTimeout = .milliseconds(250)
            let error = try await Blocking.run { [configuration] () -> PostgresError? in
                let holder = try Connection(configuration: db.configuration)
                defer { holder.close() }
                try holder.execute(script: "BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE")
                let waiter = try Connection(configuration: configuration)
                defer { waiter.close() }
                do {
                    try waiter.query("SELECT count(*) FROM t")
                    return nil
                } catch let error as PostgresError {
                    return error
                }
            }
            #expect(error?.sqlState == SQLState.lockNotAvailable)
        }
    }

    @Test("durations become whole milliseconds, rounded up")
    func milliseconds() {
        #expect(Duration.microseconds(1).roundedUpMilliseconds == 1)
        #expect(Duration.milliseconds(300).roundedUpMilliseconds == 300)
        #expect(Duration.seconds(2).roundedUpMilliseconds == 2000)
        #expect(Duration.zero.roundedUpMilliseconds == 0)
    }
}
