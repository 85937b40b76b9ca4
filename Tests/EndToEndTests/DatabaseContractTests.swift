import Foundation
import Postgres
import PortfolioStore
import Testing
import TestSupport

/// What every command says about the database it reaches: not migrated, migrated by another
/// version, or refused to the role.
@Suite("Database contract")
struct DatabaseContractTests {
    /// One command of each group, reading and writing.
    static let commands: [[String]] = [
        ["project", "list"], ["project", "show", "ILL-EN-01"], ["project", "export"],
        ["project", "add", "--code", "X-1", "--name", "X", "--sector", "energy", "--value", "1", "--currency", "USD", "--lender", "Bank"],
        ["project", "update", "ILL-EN-01", "--name", "Y"], ["status", "set", "ILL-EN-01", "ongoing"],
        ["status", "history", "ILL-EN-01"], ["lender", "list"], ["lender", "add", "Some Bank"], ["sector", "list"],
        ["fx", "list"], ["fx", "set", "CNY", "2024-01-02", "0.14"], ["target", "show"], ["target", "set", "1000", "USD"],
        ["jobs", "list"], ["jobs", "stats"], ["jobs", "retry", "1"], ["rollup", "list"], ["rollup", "run"],
        ["report", "sectors"], ["report", "trend", "--as-of", "2020-01-01"], ["sample", "load"],
    ]

    @Test("on a database never migrated, every command exits 69 with the one line that says what to do")
    func notMigrated() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let cli = PortfolioCLI(db)
            for arguments in Self.commands {
                let run = try await cli.run(arguments)
                #expect(run.status == 69, "\(arguments): \(run.summary)")
                #expect(run.stderr == "error: the database is not migrated: run 'portfolio migrate'\n", "\(arguments): \(run.stderr)")
            }
            let worker = try await ExecutableRun.run("portfolio-worker", ["--once", "--http-address", "off"], environment: cli.environment)
            #expect(worker.status == 69, "\(worker.summary)")
            #expect(worker.stderr.contains("the database is not migrated: run 'portfolio migrate'"), "\(worker.stderr)")
        }
    }

    @Test("a database migrated by an older program is refused with the versions, before anything is written")
    func olderSchema() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in _ = try Migrator(migrations: Array(Migration.all.prefix(2))).migrate(c) }
            let before = try await DatabaseFingerprint.capture(db)
            let cli = PortfolioCLI(db)
            for arguments in [["project", "list"], ["sample", "load"], ["fx", "set", "CNY", "2024-01-02", "0.14"]] {
                let run = try await cli.run(arguments)
                #expect(run.status == 69, "\(arguments): \(run.summary)")
                #expect(run.stderr.contains("schema version 2") && run.stderr.contains("run 'portfolio migrate'"), "\(run.stderr)")
            }
            #expect(DatabaseFingerprint.differences(before, try await DatabaseFingerprint.capture(db)).isEmpty)
            await #expect(try cli.run(["migrate"]).status == 0)
            await #expect(try cli.run(["project", "list"]).status == 0)
        }
    }

    @Test("a database with a migration this program does not know is refused as newer")
    func newerSchema() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try c.query("INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'from the future', 'x')")
            }
            let run = try await PortfolioCLI(db).run(["project", "list"])
            #expect(run.status == 69, "\(run.summary)")
            #expect(run.stderr.contains("newer than this program"), "\(run.stderr)")
        }
    }

    @Test("a role without the privilege is exit 77 'permission denied', not 'database unavailable'")
    func permissionDenied() async throws {
        try await TestRole.with(prefix: "ro") { role in try await withSampleDatabase { db, _ in
            let name = try await db.run { c in try c.quotedIdentifier(role) }
            try await db.run { c in
                try c.execute(script: "GRANT USAGE ON SCHEMA public TO \(name); GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(name)")
            }
            let reader = PortfolioCLI(url: db.url.replacingOccurrences(of: "://postgres@", with: "://\(role)@"))
            let before = try await DatabaseFingerprint.capture(db)
            for arguments in [["project", "update", "ILL-EN-01", "--name", "Renamed"], ["status", "set", "ILL-AG-05", "committed", "--note", "x"],
                              ["fx", "set", "CNY", "2024-01-02", "0.14"], ["lender", "add", "Another Bank"], ["rollup", "run"]] {
                let run = try await reader.run(arguments)
                #expect(run.status == 77, "\(arguments): \(run.summary)")
                #expect(run.stderrLines.count == 1 && run.stderr.hasPrefix("error: permission denied"), "\(arguments): \(run.stderr)")
            }
            #expect(DatabaseFingerprint.differences(before, try await DatabaseFingerprint.capture(db)).isEmpty)
            let read = try await reader.run(["report", "sectors"])
            #expect(read.status == 0, "\(read.summary)")
            // A role with no privilege at all cannot even read the schema's version.
            try await db.run { c in try c.execute(script: "REVOKE SELECT ON ALL TABLES IN SCHEMA public FROM \(name)") }
            let none = try await reader.run(["project", "list"])
            #expect(none.status == 77, "\(none.summary)")
        } }
    }
}
