import Foundation
import Testing
import TestSupport

/// Read-only commands read where DATABASE_READ_URL (or --database-read-url) points; writes stay
/// on DATABASE_URL. (The lag of a real standby and --max-lag against it: Scripts/ha.sh.)
@Suite("reads from DATABASE_READ_URL")
struct ReadURLCommandTests {
    @Test("reports, listings and exports read the read URL and say so; writes go to the primary; bad options are refused")
    func split() async throws {
        try await TestDatabase.with { primary in
            try await TestDatabase.with { other in
                _ = try await PortfolioCLI(other).succeed(["sample", "load"])
                let cli = PortfolioCLI(primary)
                let env = ["DATABASE_READ_URL": other.url]
                for arguments in [["report", "sectors", "--format", "csv"], ["project", "list", "--format", "csv"], ["project", "show", "ILL-EN-01"],
                                  ["rollup", "list"], ["tx", "list"], ["export", "--format", "iati"]] {
                    let run = try await cli.run(arguments, environment: env)
                    #expect(run.status == 0, "\(arguments): \(run.summary)")
                    #expect(run.stderr.contains("read from the read URL, which is a primary"), "\(arguments): \(run.stderr)")
                }
                let listed = try await cli.run(["project", "list", "--format", "csv"], environment: env).stdout
                #expect(listed.contains("ILL-EN-01"), "the sample is only in the read database")
                let flag = try await cli.run(["project", "list", "--format", "csv", "--database-read-url", other.url])
                #expect(flag.stdout == listed)
                _ = try await cli.succeed(["sector", "add", "space", "Space"], environment: env)
                #expect(try await primary.run { c in try c.query("SELECT count(*) FROM sectors WHERE code = 'space'").scalar(Int.self) } == 1)
                #expect(try await other.run { c in try c.query("SELECT count(*) FROM sectors WHERE code = 'space'").scalar(Int.self) } == 0)
                #expect(try await cli.run(["report", "sectors", "--max-lag", "5s"], environment: env).status == 0, "a primary is never behind")
                let badLag = try await cli.run(["report", "sectors", "--max-lag", "soon"], environment: env)
                #expect(badLag.status == 65 && badLag.stderr.contains("--max-lag"), "\(badLag.summary)")
                let badMode = try await cli.run(["report", "sectors", "--on-lag", "wait"], environment: env)
                #expect(badMode.status == 65 && badMode.stderr.contains("--on-lag"), "\(badMode.summary)")
                let plain = try await cli.run(["report", "sectors"])
                #expect(!plain.stderr.contains("read from"), "without a read URL nothing is said")
            }
        }
    }
}
