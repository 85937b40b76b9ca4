import Foundation
import Testing
import TestSupport

/// `export --all` and `import --all`: the whole portfolio with its history, into an empty
/// database, answering every `--as-of` and `--as-recorded` report as the source does.
@Suite("export --all and import --all, end to end")
struct ArchiveRoundTripTests {
    /// A temporary directory path that does not exist yet.
    static func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString.prefix(8))").path
    }

    /// The sample with a change of every field, back-dated and corrected, transactions and a
    /// rollup snapshot, recorded one command at a time.
    static func history(_ cli: PortfolioCLI) async throws {
        for arguments in [
            ["project", "update", "ILL-EN-01", "--value", "750,000,000", "--value-date", "2012-01-01"],
            ["project", "update", "ILL-LG-02", "--lender", "China Development Bank=70", "--lender", "Export-Import Bank of China=30", "--effective", "2020-01-01"],
            ["project", "update", "ILL-EN-02", "--sector", "logistics", "--effective", "2015-06-30"],
            ["rollup", "run"],
            ["status", "set", "ILL-AG-05", "committed", "--effective", "2025-01-15", "--note", "signed"],
            ["project", "update", "ILL-EN-01", "--value", "740,000,000", "--value-date", "2012-01-01"],
            ["tx", "add", "ILL-LG-02", "--type", "disbursement", "--lender", "China Development Bank", "--amount", "1,250,000.50",
             "--currency", "USD", "--date", "2021-03-31", "--ref", "RT-1"],
            ["tx", "add", "ILL-LG-02", "--type", "repayment", "--lender", "Export-Import Bank of China", "--amount", "10,000",
             "--currency", "USD", "--date", "2023-09-30", "--note", "early, with \"quotes\", a comma; and more"],
            ["rollup", "run"],
        ] {
            let run = try await cli.run(arguments)
            expectSuccess(run, arguments.joined(separator: " "))
        }
    }

    /// Every report that reads history, as `cli` gives it on `date` (and as recorded by `recorded`).
    static func reports(_ cli: PortfolioCLI, asOf date: String, recorded: String? = nil) async throws -> [String] {
        let times = ["--as-of", date] + (recorded.map { ["--as-recorded", $0] } ?? [])
        var out: [String] = []
        for arguments in [["report", "progress", "--format", "html"], ["report", "financing", "--format", "csv"],
                          ["report", "disbursements", "--period", "month", "--by", "lender", "--format", "csv"]] {
            out.append(try await cli.succeed(arguments + times).stdout)
        }
        return out
    }

    @Test("an archive restored into an empty database gives the same reports on 50 random dates and as recorded, and exports the same files")
    func roundTrip() async throws {
        try await withSampleDatabase { source, cli in
            try await Self.history(cli)
            let first = Self.scratch()
            defer { try? FileManager.default.removeItem(atPath: first) }
            let exported = try await cli.succeed(["export", "--all", first]).stdout
            #expect(exported.hasPrefix("exported 32 projects, 147 transactions"), "\(exported)")

            try await TestDatabase.with { empty in
                let restoredCLI = PortfolioCLI(empty)
                let restored = try await restoredCLI.succeed(["import", "--all", first]).stdout
                #expect(restored.hasPrefix("restored 32 projects, 147 transactions"), "\(restored)")

                var random = SeededGenerator(seed: 2026_12_06)
                let start = try #require(Calendar(identifier: .gregorian).date(from: DateComponents(timeZone: .gmt, year: 2008, month: 1, day: 1)))
                let span = Date().timeIntervalSince(start)
                let formatter = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()
                for _ in 0..<50 {
                    let date = start.addingTimeInterval(Double.random(in: 0..<span, using: &random)).formatted(formatter)
                    #expect(try await Self.reports(restoredCLI, asOf: date) == (try await Self.reports(cli, asOf: date)), "as of \(date)")
                }
                // As recorded: at every moment a change was recorded, and just before it.
                let moments = try await source.run { c in
                    try c.query("""
                        SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM (
                            SELECT recorded_at AS t FROM status_history UNION SELECT recorded_at FROM value_history
                            UNION SELECT recorded_at FROM lender_history UNION SELECT recorded_at FROM ledger_transactions) m
                        ORDER BY t DESC LIMIT 6
                        """).map { try $0.decode(String.self, at: 0) }
                }
                #expect(moments.count == 6)
                for moment in moments {
                    for date in ["2016-12-31", "2025-06-30"] {
                        #expect(try await Self.reports(restoredCLI, asOf: date, recorded: moment)
                                == (try await Self.reports(cli, asOf: date, recorded: moment)), "as of \(date) recorded by \(moment)")
                    }
                }
                // Exported again, the restored database writes the same files.
                let second = Self.scratch()
                defer { try? FileManager.default.removeItem(atPath: second) }
                try await restoredCLI.succeed(["export", "--all", second])
                let files = try FileManager.default.contentsOfDirectory(atPath: first).sorted()
                #expect(files.count == 18, "17 tables and the manifest")
                #expect(try FileManager.default.contentsOfDirectory(atPath: second).sorted() == files)
                for file in files {
                    let left = FileManager.default.contents(atPath: first + "/" + file)
                    #expect(left == FileManager.default.contents(atPath: second + "/" + file), "\(file) differs")
                }
                // The restored database goes on: ids continue after the restored ones.
                try await restoredCLI.succeed(["tx", "add", "ILL-LG-02", "--type", "repayment", "--lender", "China Development Bank",
                                               "--amount", "1", "--currency", "USD", "--date", "2024-01-01"])
                try await restoredCLI.succeed(["project", "update", "ILL-EN-03", "--value", "1", "--value-date", "2024-01-01"])
            }
        }
    }

    @Test("refusals: one line, the contract's code, and the database exactly as it was")
    func refusals() async throws {
        try await withSampleDatabase { source, cli in
            let archive = Self.scratch()
            defer { try? FileManager.default.removeItem(atPath: archive) }
            try await cli.succeed(["export", "--all", archive])

            // Into a database that holds a portfolio.
            let before = try await DatabaseFingerprint.capture(source)
            let full = try await cli.run(["import", "--all", archive])
            #expect(full.status == 65 && full.stderrLines.count == 1 && full.stderr.contains("restores into an empty database"), "\(full.summary)")
            #expect(try await DatabaseFingerprint.capture(source) == before)

            // Export over a directory that is not empty, or a file: 74, nothing written.
            let refusedExport = try await cli.run(["export", "--all", archive])
            #expect(refusedExport.status == 74 && refusedExport.stderr.contains("not empty"), "\(refusedExport.summary)")
            let file = Self.scratch()
            try Data("x".utf8).write(to: URL(fileURLWithPath: file))
            defer { try? FileManager.default.removeItem(atPath: file) }
            let onFile = try await cli.run(["export", "--all", file])
            #expect(onFile.status == 74 && onFile.stderrLines.count == 1, "\(onFile.summary)")

            try await TestDatabase.with { empty in
                let target = PortfolioCLI(empty)
                let untouched = try await DatabaseFingerprint.capture(empty)
                let missing = try await target.run(["import", "--all", Self.scratch()])
                #expect(missing.status == 66 && missing.stderrLines.count == 1, "\(missing.summary)")

                // A damaged copy: a bad value deep in one file, a manifest of another version, a
                // row count that does not match, a file missing. Each is refused whole.
                func damaged(_ change: (String) throws -> Void) throws -> String {
                    let copy = Self.scratch()
                    try FileManager.default.copyItem(atPath: archive, toPath: copy)
                    try change(copy)
                    return copy
                }
                func edit(_ path: String, _ body: (String) -> String) throws {
                    let text = try String(contentsOfFile: path, encoding: .utf8)
                    try Data(body(text).utf8).write(to: URL(fileURLWithPath: path))
                }
                let cases: [(String, Int32, String, (String) throws -> Void)] = [
                    ("bad value", 65, "ledger_transactions.csv", { dir in
                        try edit(dir + "/ledger_transactions.csv") { $0.replacingOccurrences(of: ",disbursement,", with: ",gift,") } }),
                    ("wrong header", 65, "projects.csv", { dir in
                        try edit(dir + "/projects.csv") { $0.replacingOccurrences(of: "id,code,name", with: "id,name,code") } }),
                    ("version", 65, "manifest.json", { dir in
                        try edit(dir + "/manifest.json") { $0.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 9") } }),
                    ("schema", 65, "schema version", { dir in
                        try edit(dir + "/manifest.json") { $0.replacingOccurrences(of: "\"schema_version\" : ", with: "\"schema_version\" : 9") } }),
                    ("count", 65, "the manifest says", { dir in
                        try edit(dir + "/manifest.json") { $0.replacingOccurrences(of: "\"projects.csv\" : 32", with: "\"projects.csv\" : 33") } }),
                    ("missing file", 66, "status_history.csv", { dir in try FileManager.default.removeItem(atPath: dir + "/status_history.csv") }),
                    ("not json", 65, "manifest.json", { dir in try Data("{".utf8).write(to: URL(fileURLWithPath: dir + "/manifest.json")) }),
                ]
                for (name, status, message, change) in cases {
                    let copy = try damaged(change)
                    defer { try? FileManager.default.removeItem(atPath: copy) }
                    let run = try await target.run(["import", "--all", copy])
                    #expect(run.status == status, "\(name): \(run.summary)")
                    #expect(run.stderrLines.count == 1, "\(name): \(run.summary)")
                    #expect(run.stderr.contains(message), "\(name): \(run.summary)")
                    #expect(try await DatabaseFingerprint.capture(empty) == untouched, "\(name) changed the database")
                }
            }

            // A role that may not switch the ledger's checks is told so: 77, nothing restored.
            try await TestRole.with(prefix: "restorer") { role in
                try await TestDatabase.with { empty in
                    try await PortfolioCLI(empty).succeed(["migrate", "--grant-to", role])
                    let untouched = try await DatabaseFingerprint.capture(empty)
                    let app = PortfolioCLI(url: empty.url.replacingOccurrences(of: "://postgres@", with: "://\(role)@"))
                    let run = try await app.run(["import", "--all", archive])
                    #expect(run.status == 77 && run.stderrLines.count == 1 && run.stderr.contains("schema's owner"), "\(run.summary)")
                    #expect(try await DatabaseFingerprint.capture(empty) == untouched)
                }
            }
        }
    }
}
