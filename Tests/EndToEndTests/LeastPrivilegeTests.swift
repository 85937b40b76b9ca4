import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Least-privilege application role")
struct LeastPrivilegeTests {
    @Test("the application role can run every command and the worker but cannot change the schema or history")
    func applicationRole() async throws {
        try await TestRole.with(prefix: "app") { role in try await TestDatabase.with { db in
            let owner = PortfolioCLI(db)
            let granted = try await owner.run(["migrate", "--grant-to", role])
            #expect(granted.status == 0, "\(granted.stderr)")
            #expect(granted.stdout.contains("granted data privileges to \(role)"))
            let appURL = db.url.replacingOccurrences(of: "://postgres@", with: "://\(role)@")
            let app = PortfolioCLI(url: appURL)
            for arguments in [["sample", "load"], ["status", "set", "ILL-AG-05", "committed", "--note", "signed"],
                              ["status", "set", "ILL-EN-09", "committed", "--effective", "2031-01-01"],
                              ["project", "update", "ILL-EN-01", "--location", "Minsk Region"],
                              ["lender", "add", "Silk Road Fund", "--country", "CN", "--kind", "fund"],
                              ["fx", "set", "CNY", "2024-01-02", "0.14"], ["report", "progress"], ["rollup", "run"]] {
                let run = try await app.run(arguments)
                #expect(run.status == 0, "\(arguments): \(run.stderr)")
            }
            let worker = try await ExecutableRun.run("portfolio-worker", ["--once"], environment: ["DATABASE_URL": appURL])
            #expect(worker.status == 0, "\(worker.stderr)")
            let appConnection = try Connection(configuration: try ConnectionConfiguration(appURL))
            defer { appConnection.close() }
            for statement in ["DROP TABLE projects", "CREATE TABLE intruder (id int)", "ALTER TABLE projects ADD COLUMN x int",
                              "UPDATE audit_log SET actor = 'someone else'", "DELETE FROM status_history", "TRUNCATE jobs",
                              "UPDATE currencies SET minor_digits = 4"] {
                let error = #expect(throws: PostgresError.self, "\(statement)") { try appConnection.execute(script: statement) }
                #expect(error?.sqlState == "42501", "\(statement)")
            }
            let migrate = try await app.run(["migrate"])
            #expect(migrate.status != 0, "the application role must not be able to migrate")
        } }
    }

    @Test("granting to a role that does not exist is refused")
    func missingRole() async throws {
        try await TestDatabase.with { db in
            let run = try await PortfolioCLI(db).run(["migrate", "--grant-to", "no_such_role_here"])
            #expect(run.status == 65)
            #expect(run.stderr.contains("does not exist"))
        }
    }
}
