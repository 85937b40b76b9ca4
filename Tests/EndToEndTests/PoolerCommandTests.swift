import Foundation
import Testing
import TestSupport

/// The programs as users run them, through PgBouncer in transaction mode, where each
/// transaction may run on a different server session.
@Suite("portfolio and portfolio-worker through PgBouncer in transaction mode",
       .enabled(if: PgBouncer.binary != nil, "pgbouncer is not installed (Scripts/test.sh installs it as root); skipped"))
struct PoolerCommandTests {
    @Test("two migrate runs at once through the pooler apply each migration once; commands then answer as they do directly")
    func commands() async throws {
        try await TemporaryFolder.with { folder in
            try await TestDatabase.with(migrated: false) { db in
                let bouncer = try await PgBouncer(mode: .transaction, poolSize: 2)
                defer { bouncer.stop() }
                let pooled = PortfolioCLI(url: bouncer.url(database: db.name))
                let direct = PortfolioCLI(db)
                async let first = pooled.run(["migrate"])
                async let second = pooled.run(["migrate"])
                let runs = try await [first, second]
                for run in runs { expectSuccess(run, "migrate through the pooler") }
                let duplicates = try await db.run { c in
                    try c.query("SELECT count(*) - count(DISTINCT version) FROM schema_migrations").scalar(Int.self)
                }
                #expect(duplicates == 0)
                let again = try await direct.succeed(["migrate"])
                #expect(again.stdout.contains("up to date"), "\(again.summary)")

                try await pooled.loadSample()
                let file = try folder.write("changes.csv", """
                    code,status,effective_date,note,key
                    ILL-EN-08,finished,2025-02-01,done,p2
                    ILL-EN-08,ongoing,2025-01-01,,p1

                    """)
                expectSuccess(try await pooled.run(["status", "import", file]), "status import")
                // The daemon, not --once: its listener must stand aside and the lanes poll.
                let worker = try BackgroundProcess("portfolio-worker", ["--http-address", "off", "--concurrency", "2"], environment: [
                    "DATABASE_URL": bouncer.url(database: db.name), "PORTFOLIO_WORKER_POLL_INTERVAL": "200ms",
                ])
                var applied = 0
                for _ in 0..<150 where applied < 2 {
                    try await Task.sleep(for: .milliseconds(100))
                    applied = try await db.run { c in
                        try c.query("SELECT count(*) FROM status_history WHERE request_key IN ('p1', 'p2')").scalar(Int.self)
                    }
                }
                worker.signal(SIGTERM)
                #expect(await worker.wait(timeout: .seconds(30)) == 0, "\(worker.stderr)")
                #expect(applied == 2, "\(worker.stderr)")
                #expect(worker.stderr.contains("notifications cannot be relied on"), "\(worker.stderr)")

                for arguments in [["report", "sectors", "--format", "csv"], ["report", "progress", "--format", "json"],
                                  ["status", "history", "ILL-EN-08"], ["project", "list"]] {
                    let through = try await pooled.succeed(arguments)
                    let straight = try await direct.succeed(arguments)
                    #expect(through.stdout == straight.stdout, "\(arguments)")
                    #expect(through.stderr.isEmpty, "\(arguments): \(through.stderr)")
                }
            }
        }
    }
}
