import Foundation
import PortfolioStore
import Postgres
import Testing
import TestSupport

/// Codes are kept as written, match exactly, and may not differ from another only in case.
@Suite("Project code rule")
struct ProjectCodeRuleTests {
    static let add = ["project", "add", "--name", "X", "--sector", "energy", "--value", "1000", "--currency", "USD", "--lender", "Bank"]

    @Test("a code that differs from a stored one only in case is refused by add and import, naming the stored one")
    func caseDuplicates() async throws {
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            await #expect(try cli.run(Self.add + ["--code", "Case-1"]).status == 0)
            for code in ["case-1", "CASE-1", "Case-1"] {
                let run = try await cli.run(Self.add + ["--code", code])
                #expect(run.status == 65, "\(code): \(run.summary)")
                #expect(run.stderr.contains("exists already"), "\(code): \(run.stderr)")
            }
            await #expect(try cli.run(Self.add + ["--code", "case-1"]).stderr.contains("as \"Case-1\""))
            try await TemporaryFolder.with { folder in
                let header = "code,name,sector,value,currency,value_date,lenders\n"
                let inFile = try folder.write("twice.csv", header + "N-1,A,energy,1,USD,2024-01-01,Bank\nn-1,B,energy,1,USD,2024-01-01,Bank\n")
                let twice = try await cli.run(["project", "import", inFile])
                #expect(twice.status == 65, "\(twice.summary)")
                #expect(twice.stderr.contains("twice.csv:3:") && twice.stderr.contains("as \"N-1\" on line 2"), "\(twice.stderr)")
                let stored = try folder.write("stored.csv", header + "CASE-1,A,energy,1,USD,2024-01-01,Bank\n")
                let clash = try await cli.run(["project", "import", stored])
                #expect(clash.status == 65, "\(clash.summary)")
                #expect(clash.stderr.contains("stored.csv:2:") && clash.stderr.contains("as \"Case-1\""), "\(clash.stderr)")
            }
            let count = try await db.run { c in try c.query("SELECT count(*) FROM projects").scalar(Int.self) }
            #expect(count == 1)
        }
    }

    @Test("a lookup in the wrong case says which code exists, for every command that names a project",
          arguments: [["project", "show", "case-2"], ["project", "update", "case-2", "--name", "Y"],
                      ["status", "set", "case-2", "committed"], ["status", "history", "case-2"]])
    func wrongCaseLookup(arguments: [String]) async throws {
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            await #expect(try cli.run(Self.add + ["--code", "CASE-2"]).status == 0)
            let run = try await cli.run(arguments)
            #expect(run.status == 65, "\(arguments): \(run.summary)")
            #expect(run.stderr.contains("did you mean \"CASE-2\""), "\(arguments): \(run.stderr)")
        }
    }

    @Test("a code starting with '-', '.' or '_' is refused by the CLI and by the schema")
    func leadingCharacter() async throws {
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            for code in ["-x", ".x", "_x"] {
                let run = try await cli.run(Self.add + ["--code=\(code)"])
                #expect(run.status == 65, "\(code): \(run.summary)")
                #expect(run.stderr.contains("must start with a letter or a digit"), "\(code): \(run.stderr)")
            }
            let error = await #expect(throws: PostgresError.self) {
                try await db.run { c in
                    _ = try c.query("""
                        INSERT INTO projects (code, name, sector_code, status, value_minor, currency, value_date)
                        VALUES ('-x', 'X', 'energy', 'pledged', 1, 'USD', '2024-01-01')
                        """)
                }
            }
            #expect(error?.constraint == "projects_code_start_check")
        }
    }

    @Test("migrating a database whose codes break the rule stops, names them and changes nothing")
    func migrationRefusesClashes() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                _ = try Migrator(migrations: Migration.all.filter { $0.version <= 4 }).migrate(c)
                try c.execute(script: """
                    INSERT INTO lenders (name) VALUES ('Bank');
                    INSERT INTO projects (code, name, sector_code, status, value_minor, currency, value_date)
                    VALUES ('A-1', 'X', 'energy', 'pledged', 0, 'USD', '2024-01-01'),
                           ('a-1', 'Y', 'energy', 'pledged', 0, 'USD', '2024-01-01');
                    INSERT INTO project_lenders (project_id, lender_id, share_bp, part_minor)
                    SELECT p.id, l.id, 10000, 0 FROM projects p, lenders l;
                    """)
            }
            let run = try await PortfolioCLI(db).run(["migrate"])
            #expect(run.status == 65, "\(run.summary)")
            #expect(run.stderrLines.count == 1 && run.stderr.contains("A-1, a-1"), "\(run.stderr)")
            let codes = try await db.run { c in try c.query("SELECT code FROM projects ORDER BY code").map { try $0.decode(String.self, at: 0) } }
            #expect(codes == ["A-1", "a-1"])
        }
    }
}
