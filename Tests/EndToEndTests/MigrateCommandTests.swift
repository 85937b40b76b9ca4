import Foundation
import Testing
import TestSupport

@Suite("portfolio migrate and the basics, end to end")
struct MigrateCommandTests {
    @Test("migrate twice: the second run applies nothing and says so")
    func migrateTwice() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let first = try await ExecutableRun.run("portfolio", ["migrate"], environment: ["DATABASE_URL": db.url])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("applied 1"))
            let second = try await ExecutableRun.run("portfolio", ["migrate"], environment: ["DATABASE_URL": db.url])
            #expect(second.status == 0)
            #expect(second.stdout.contains("nothing to apply"))
            #expect(second.stderr.isEmpty)
        }
    }

    @Test("--database-url overrides DATABASE_URL")
    func flagWins() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let run = try await ExecutableRun.run("portfolio", ["migrate", "--database-url", db.url], environment: ["DATABASE_URL": "postgresql://u:secret@127.0.0.1:1/x"])
            #expect(run.status == 0, "\(run.stderr)")
        }
    }

    @Test("an unreachable database exits 69 with one line that hides the password")
    func unreachable() async throws {
        let run = try await ExecutableRun.run("portfolio", ["migrate"], environment: ["DATABASE_URL": "postgresql://u:secret@127.0.0.1:1/x"])
        #expect(run.status == 69)
        #expect(run.stderr.hasPrefix("error: "))
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!run.stderr.contains("secret"))
        #expect(!run.stdout.contains("secret"))
    }

    @Test("a malformed DATABASE_URL exits 64 without the password")
    func malformedURL() async throws {
        let run = try await ExecutableRun.run("portfolio", ["migrate"], environment: ["DATABASE_URL": "postgresql://u:secret@[broken"])
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("error: "))
        #expect(!run.stderr.contains("secret"))
    }

    @Test("usage errors exit 64 with one line", arguments: [["bogus"], ["migrate", "--nope"], ["migrate", "extra"]])
    func usage(_ arguments: [String]) async throws {
        let run = try await ExecutableRun.run("portfolio", arguments)
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("error: "))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test("both executables answer --help and --version", arguments: ["portfolio", "portfolio-worker"])
    func helpAndVersion(_ name: String) async throws {
        let help = try await ExecutableRun.run(name, ["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE"))
        let version = try await ExecutableRun.run(name, ["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }
}
