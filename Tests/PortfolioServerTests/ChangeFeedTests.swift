import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import PortfolioServer
import Postgres
import Synchronization
import Testing
import TestSupport

/// The change feed: one LISTEN, every subscriber told, bursts told once, a limit on
/// subscribers, streams ended at stop.
@Suite("change feed")
struct ChangeFeedTests {
    /// What a subscriber heard, recorded by a task of its own.
    final class Recorder: Sendable {
        let values = Mutex<[Int]>([])
        let ended = Mutex(false)

        init(_ stream: AsyncStream<Int>) {
            Task { [self] in
                for await value in stream where value != 0 { values.withLock { $0.append(value) } }
                ended.withLock { $0 = true }
            }
        }

        /// Waits up to `seconds` for `condition` on what was heard.
        func wait(_ seconds: Double, until condition: ([Int], Bool) -> Bool) async -> Bool {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < deadline {
                if condition(values.withLock { $0 }, ended.withLock { $0 }) { return true }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return condition(values.withLock { $0 }, ended.withLock { $0 })
        }
    }

    static func audit(_ db: TestDatabase, times: Int) async throws {
        _ = try await db.run { c in
            try c.transaction { c in
                for _ in 0..<times { try c.query("INSERT INTO audit_log (actor, action, entity, entity_key) VALUES ('t', 'probe', 'x', 'y')") }
            }
        }
    }

    @Test("a committed change reaches every subscriber; a burst of commits is told once; the limit refuses more; stop ends every stream")
    func feed() async throws {
        try await TestDatabase.with { db in
            var logger = Logger(label: "feed-tests")
            logger.logLevel = .critical
            let feed = try ChangeFeed(configuration: db.configuration, maxSubscribers: 2, coalescing: .milliseconds(200), logger: logger)
            let running = Task { try await feed.run() }
            let first = Recorder(try #require(feed.subscribe()))
            let second = Recorder(try #require(feed.subscribe()))
            #expect(feed.subscribe() == nil, "a third subscriber is over the limit")
            // Until the feed listens: one change at a time until the first subscriber hears.
            for _ in 0..<50 {
                try await Self.audit(db, times: 1)
                if await first.wait(0.5, until: { values, _ in !values.isEmpty }) { break }
            }
            // Let the probes' last notifications arrive before counting.
            try await Task.sleep(for: .seconds(1))
            #expect(await second.wait(5) { values, _ in values == first.values.withLock { $0 } && !values.isEmpty })
            let before = first.values.withLock { $0.count }
            // Ten notifications PostgreSQL does not fold (their payloads differ), delivered together
            // at one commit: the feed tells them as one change.
            _ = try await db.run { c in
                try c.transaction { c in
                    for index in 0..<10 { try c.query("SELECT pg_notify('portfolio_changes', $1)", "burst \(index)") }
                }
            }
            #expect(await first.wait(5) { values, _ in values.count == before + 1 })
            try await Task.sleep(for: .seconds(2))
            #expect(first.values.withLock { $0.count } == before + 1, "the burst was told once: \(first.values.withLock { $0 })")
            feed.stop()
            #expect(await first.wait(5) { _, ended in ended } && second.ended.withLock { $0 })
            try await running.value
            #expect(feed.subscribe() == nil, "a stopped feed takes no subscriber")
        }
    }

    @Test("with the feed listening, answers come from memory until a change, and the change is served at once after it is heard")
    func cachedAnswers() async throws {
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            _ = try await cli.succeed(["sample", "load"])
            var logger = Logger(label: "feed-tests")
            logger.logLevel = .critical
            let feed = try ChangeFeed(configuration: db.configuration, maxSubscribers: 4, logger: logger)
            let running = Task { try await feed.run() }
            let router = ServerApplication.router(pool: db.pool, tokenPool: nil, feed: feed, maxPageSize: 50, logger: logger)
            let app = Application(router: router, logger: logger)
            try await app.test(.router) { client in
                let uri = "/api/v1/reports/statuses?format=csv"
                let first = try await client.execute(uri: uri, method: .get) { text($0) }
                // Once the feed listens, the counter is kept: the next answers come from memory.
                let listening = Recorder(try #require(feed.subscribe()))
                for _ in 0..<100 where feed.cachedCounter() == nil {
                    _ = try await client.execute(uri: uri, method: .get) { text($0) }
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(feed.cachedCounter() != nil)
                let again = try await client.execute(uri: uri, method: .get) { text($0) }
                #expect(again == first)
                let generation = feed.generation
                _ = try await cli.succeed(["status", "set", "ILL-EN-05", "finished"])
                #expect(await listening.wait(10) { values, _ in !values.isEmpty } || feed.generation > generation)
                for _ in 0..<100 where feed.generation == generation { try await Task.sleep(for: .milliseconds(50)) }
                let after = try await client.execute(uri: uri, method: .get) { text($0) }
                #expect(after != first)
                #expect(after == (try await cli.succeed(["report", "statuses", "--format", "csv"]).stdout))
            }
            feed.stop()
            try await running.value
        }
    }

    @Test("through a connection pooler the feed reads the change counter instead of listening: a change still reaches subscribers, and no answer is kept in memory",
          .enabled(if: PgBouncer.binary != nil, "pgbouncer is not installed (Scripts/test.sh installs it as root); skipped"))
    func throughPooler() async throws {
        try await TestDatabase.with { db in
            let bouncer = try await PgBouncer(mode: .transaction)
            defer { bouncer.stop() }
            var logger = Logger(label: "feed-tests")
            logger.logLevel = .critical
            let feed = try ChangeFeed(configuration: try ConnectionConfiguration(bouncer.url(database: db.name)), maxSubscribers: 2,
                                      pollInterval: .milliseconds(200), logger: logger)
            let running = Task { try await feed.run() }
            let subscriber = Recorder(try #require(feed.subscribe()))
            // The first reading starts a generation.
            #expect(await subscriber.wait(10) { values, _ in !values.isEmpty })
            let heard = subscriber.values.withLock { $0.count }
            feed.store(counter: "0.0.0.0.0", generation: feed.generation)
            #expect(feed.cachedCounter() == nil, "nothing would say when a kept counter went stale")
            try await Self.audit(db, times: 1)
            #expect(await subscriber.wait(5) { values, _ in values.count == heard + 1 })
            try await Task.sleep(for: .seconds(1))
            #expect(subscriber.values.withLock { $0.count } == heard + 1, "one change, told once")
            feed.stop()
            try await running.value
        }
    }

    @Test("the dashboard's script is the one whose hash the policy allows")
    func scriptHash() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("script.js", LiveScript.source)
        let run = try await ExecutableRun.shell(
            "python3 -c 'import base64, hashlib, sys; print(base64.b64encode(hashlib.sha256(open(sys.argv[1], \"rb\").read()).digest()).decode())' '\(path)'")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(LiveScript.hash == "'sha256-\(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines))'")
    }
}
