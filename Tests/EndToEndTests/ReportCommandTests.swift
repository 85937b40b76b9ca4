import Foundation
import Postgres
import Testing
import TestSupport

@Suite("portfolio report and rollup, end to end")
struct ReportCommandTests {
    /// The CLI's reports of the sample with its ledger (the renderers' own golden files, in
    /// PortfolioReportsTests, have no ledger columns). `UPDATE_GOLDEN=1` rewrites them.
    static let golden = PortfolioCLI.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Golden")
    static let kinds = ["sectors", "statuses", "lenders", "progress"]
    static let formats: [(String, String)] = [("table", "txt"), ("csv", "csv"), ("json", "json"), ("markdown", "md")]

    @Test("every report in every text format matches its golden file for the sample", arguments: kinds)
    func goldenReports(_ kind: String) async throws {
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            await #expect(try cli.run(["sample", "load"]).status == 0)
            for (format, fileExtension) in ReportCommandTests.formats {
                let run = try await cli.run(["report", kind, "--as-of", "2026-11-29", "--format", format])
                #expect(run.status == 0, "\(run.stderr)")
                let file = ReportCommandTests.golden.appendingPathComponent("\(kind).\(fileExtension)")
                if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
                    try FileManager.default.createDirectory(at: ReportCommandTests.golden, withIntermediateDirectories: true)
                    try Data(run.stdout.utf8).write(to: file)
                }
                let expected = try String(contentsOf: file, encoding: .utf8)
                #expect(run.stdout == expected, "\(kind) as \(format) differs from its golden file")
            }
        }
    }

    @Test("the HTML dashboard is one offline file with every chart, written where asked")
    func html() async throws {
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            await #expect(try cli.run(["sample", "load"]).status == 0)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID()).html").path
            let run = try await cli.run(["report", "sectors", "--format", "html", "--output", path])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            let html = try String(contentsOfFile: path, encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            for section in ["Progress against target", "Value by sector", "Value by status", "Value by lender", "<svg", "role=\"img\"", "8,000,000,000.00"] {
                #expect(html.contains(section), "missing \(section)")
            }
            #expect(!html.contains("src=\"http"))
            #expect(!html.contains("href=\"http"))
            #expect(!html.contains("<script src"))
        }
    }

    @Test("as-of before and after a status change")
    func asOf() async throws {
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            await #expect(try cli.run(["sample", "load"]).status == 0)
            // ILL-AG-05 (35,600,000.00, pledged) is committed from 2025-06-01.
            await #expect(try cli.run(["status", "set", "ILL-AG-05", "committed", "--effective", "2025-06-01"]).status == 0)
            struct Progress: Decodable { let counted: String; let pledged: String }
            func progress(_ date: String) async throws -> Progress {
                let run = try await cli.run(["report", "progress", "--as-of", date, "--format", "json"])
                return try JSONDecoder().decode(Progress.self, from: Data(run.stdout.utf8))
            }
            let before = try await progress("2025-05-31")
            let after = try await progress("2025-06-01")
            #expect(before.pledged == "164600000.00")
            #expect(after.pledged == "129000000.00")
            #expect((Decimal(string: after.counted) ?? 0) - (Decimal(string: before.counted) ?? 0) == Decimal(string: "35600000"))
        }
    }

    @Test("bad report requests are refused", arguments: [
        (["report", "regions"], Int32(64)),
        (["report", "sectors", "--format", "pdf"], Int32(64)),
        (["report", "sectors", "--as-of", "2026-02-30"], Int32(65)),
        (["report", "sectors", "--currency", "XYZ"], Int32(65)),
        (["report", "sectors", "--currency", "CNY"], Int32(65)),
        (["rollup", "show", "999"], Int32(65)),
        (["rollup", "diff", "1", "2"], Int32(65)),
    ])
    func refusals(_ arguments: [String], _ status: Int32) async throws {
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            await #expect(try cli.run(["sample", "load"]).status == 0)
            let run = try await cli.run(arguments)
            #expect(run.status == status, "\(run.stderr)")
            #expect(run.stderr.hasPrefix("error: "))
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("rollup run --wait, list, show and diff down to the projects")
    func rollups() async throws {
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            await #expect(try cli.run(["sample", "load"]).status == 0)
            let worker = try BackgroundProcess("portfolio-worker", ["--http-address", "off"], environment: cli.environment)
            let first = try await cli.run(["rollup", "run", "--wait", "--timeout", "30"])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("8,000,000,000.00"))
            await #expect(try cli.run(["status", "set", "ILL-OT-04", "suspended", "--note", "permits"]).status == 0)
            let second = try await cli.run(["rollup", "run", "--wait", "--timeout", "30"])
            #expect(second.status == 0, "\(second.stderr)")
            worker.signal(SIGTERM)
            #expect(await worker.wait(timeout: .seconds(20)) == 0)
            let ids = try await db.run { c in try c.query("SELECT id FROM rollup_snapshots ORDER BY id").map { try $0.decode(Int.self, at: 0) } }
            let (a, b) = (try #require(ids.first), try #require(ids.last))
            #expect(a != b)
            let list = try await cli.run(["rollup", "list"])
            #expect(list.stdout.contains("manual"))
            let show = try await cli.run(["rollup", "show", String(b)])
            #expect(show.stdout.contains("suspended  312,400,000.00"))
            let diff = try await cli.run(["rollup", "diff", String(a), String(b)])
            #expect(diff.status == 0, "\(diff.stderr)")
            #expect(diff.stdout.contains("ILL-OT-04"))
            #expect(diff.stdout.contains("suspended"))
            // The suspension was recorded on the day of both snapshots, effective that day: movement, no correction.
            #expect(diff.stdout.contains("corrections to ") && diff.stdout.contains("recorded since: total 0.00, counted 0.00 USD"), "\(diff.stdout)")
            #expect(diff.stdout.contains("movement from "), "\(diff.stdout)")
            let json = try await cli.run(["rollup", "diff", String(a), String(b), "--format", "json"])
            #expect(json.stdout.contains("\"projects\""))
            #expect(json.stdout.contains("\"corrections\"") && json.stdout.contains("\"movement\""))
            await #expect(try cli.run(["rollup", "diff", String(b), String(b)]).stdout.contains("nothing moved"))
        }
    }
}

/// `rollup diff` names what changed in each project, whatever the fact.
@Suite("rollup diff shows each project's changed facts, end to end")
struct RollupDiffCommandTests {
    /// Takes a snapshot with `portfolio-worker --once`; returns the newest snapshot's id.
    static func snapshot(_ cli: PortfolioCLI, _ db: TestDatabase) async throws -> Int {
        try await cli.succeed(["rollup", "run"])
        let run = try await ExecutableRun.run("portfolio-worker", ["--once", "--http-address", "off"], environment: cli.environment)
        #expect(run.status == 0, "\(run.summary)")
        return try await db.run { c in try c.query("SELECT max(id) FROM rollup_snapshots").scalar(Int.self) }
    }

    @Test("a lender-only, a sector-only and a value-date-only change each show their before and after", arguments: [
        (["--lender", "Bank of China=100"], "lenders China Development Bank=60;Export-Import Bank of China=40", "lenders Bank of China=100"),
        (["--lender", "China Development Bank=50", "--lender", "Export-Import Bank of China=50"],
         "lenders China Development Bank=60;Export-Import Bank of China=40", "lenders China Development Bank=50;Export-Import Bank of China=50"),
        (["--sector", "other"], "sector energy", "sector other"),
        (["--value-date", "2024-06-30"], "value_date 2024-01-10", "value_date 2024-06-30"),
    ])
    func changedFacts(_ update: [String], _ before: String, _ after: String) async throws {
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            try await cli.succeed(["project", "add", "--code", "DIFF-1", "--name", "Diffed", "--sector", "energy", "--status", "ongoing",
                             "--value", "100", "--currency", "USD", "--value-date", "2024-01-10",
                             "--lender", "China Development Bank=60", "--lender", "Export-Import Bank of China=40"])
            let a = try await Self.snapshot(cli, db)
            try await cli.succeed(["project", "update", "DIFF-1"] + update)
            let b = try await Self.snapshot(cli, db)
            let diff = try await cli.succeed(["rollup", "diff", String(a), String(b)]).stdout
            let line = try #require(diff.split(separator: "\n").first { $0.hasPrefix("DIFF-1 ") }, "\(diff)")
            #expect(line.contains(before) && line.contains(after), "\(diff)")
            #expect(!line.contains("status ongoing"), "unchanged facts are left out: \(line)")
        }
    }
}
