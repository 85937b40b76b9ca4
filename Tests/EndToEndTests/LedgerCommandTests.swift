import Foundation
import Testing
import TestSupport

/// Minor units from a plain amount with two decimals, and back.
enum Money {
    static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let whole = Int(parts[0]), let cents = Int(parts[1]) else { return nil }
        return whole * 100 + cents
    }

    static func text(_ minorUnits: Int) -> String { "\(minorUnits / 100).\(String(format: "%02d", minorUnits % 100))" }
}

/// `portfolio tx …` and `portfolio report financing`, end to end, on the sample portfolio.
/// ILL-MF-09 (committed) is worth 114,600,000.00 USD, all of it from the Industrial and
/// Commercial Bank of China, of which the sample ledger disbursed 11,460,000.00 on 2025-07-01.
@Suite("portfolio tx and report financing, end to end")
struct LedgerCommandTests {
    static let icbc = "Industrial and Commercial Bank of China"

    /// The bank's disbursed and over-disbursed amounts in `report financing --format csv`.
    static func icbcFigures(_ cli: PortfolioCLI, _ extra: [String] = []) async throws -> (disbursed: String, over: String) {
        let csv = try await cli.succeed(["report", "financing", "--format", "csv"] + extra).stdout
        let line = try #require(csv.split(separator: "\n").first { $0.hasPrefix(icbc + ",") })
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return (cells[3], cells[5])
    }

    @Test("tx add records, tx list shows, report financing adds up; refusals are one line with the contract's code and change nothing")
    func addListReport() async throws {
        try await withSampleDatabase { _, cli in
            let before = try await Self.icbcFigures(cli)
            let early = try await Self.icbcFigures(cli, ["--as-of", "2025-12-31"])
            let added = try await cli.run(["tx", "add", "ILL-MF-09", "--type", "disbursement", "--lender", Self.icbc.lowercased(),
                                     "--amount", "100,000,000", "--currency", "USD", "--date", "2026-01-05", "--ref", "D-1"])
            expectSuccess(added, "tx add")
            #expect(added.stdout.hasPrefix("ILL-MF-09: disbursement of 100,000,000.00 USD by \(Self.icbc) on 2026-01-05"))

            let refusals: [([String], Int32, String)] = [
                (["--amount", "3,140,000.01"], 65, "error: amount: this disbursement takes"),
                (["--amount", "1", "--ref", "D-1"], 65, "error: ref: ILL-MF-09 has a transaction with reference \"D-1\" already"),
                (["--amount", "1", "--lender", "China Development Bank"], 65, "does not finance ILL-MF-09"),
                (["--amount", "1", "--date", "2199-01-01"], 65, "error: date: 2199-01-01 is after today"),
                (["--amount", "1", "--type", "gift"], 65, "error: --type: \"gift\" is not a transaction type"),
                (["--amount", "0"], 65, "error: --amount: "),
                (["--amount", "1", "--force"], 65, "error: --note: a forced transaction needs a note"),
            ]
            for (changes, status, message) in refusals {
                var arguments = ["tx", "add", "ILL-MF-09", "--type", "disbursement", "--lender", Self.icbc, "--amount", "1",
                                 "--currency", "USD", "--date", "2026-01-06"]
                for index in stride(from: 0, to: changes.count, by: 2) {
                    if let at = arguments.firstIndex(of: changes[index]) {
                        arguments[at + 1] = changes[index + 1]
                    } else {
                        arguments.append(contentsOf: changes[index..<min(index + 2, changes.count)])
                    }
                }
                let run = try await cli.run(arguments)
                #expect(run.status == status, "\(changes): \(run.summary)")
                #expect(run.stderrLines.count == 1, "\(changes): \(run.summary)")
                #expect(run.stderr.contains(message), "\(changes): \(run.summary)")
                #expect(run.stdout.isEmpty)
            }
            let forced = try await cli.run(["tx", "add", "ILL-MF-09", "--type", "disbursement", "--lender", Self.icbc, "--amount", "3,140,000.01",
                                      "--currency", "USD", "--date", "2026-01-06", "--force", "--note", "bridge"])
            expectSuccess(forced, "forced tx add")

            let listed = try jsonArray(try await cli.succeed(["tx", "list", "ILL-MF-09", "--format", "json"]).stdout)
            #expect(listed.map { $0["amount"] as? String } == ["11460000.00", "100000000.00", "3140000.01"])
            #expect(listed.map { $0["forced"] as? String } == ["false", "false", "true"])

            let after = try await Self.icbcFigures(cli)
            let disbursedBefore = try #require(Money.parse(before.disbursed))
            #expect(after.disbursed == Money.text(disbursedBefore + 10_314_000_001), "disbursed: \(before) → \(after)")
            #expect(before.over == "0.00")
            #expect(after.over == "0.01")
            // Nothing recorded is dated before 2026: the report as of the end of 2025 is unchanged.
            await #expect(try Self.icbcFigures(cli, ["--as-of", "2025-12-31"]) == early)
            let html = try await cli.run(["report", "financing", "--format", "html"])
            #expect(html.status == 65)
        }
    }

    @Test("tx import records a file whole or reports FILE:LINE and records nothing; a missing file is 66")
    func importFile() async throws {
        try await TemporaryFolder.with { folder in
            try await withSampleDatabase { _, cli in
                let good = try folder.write("good.csv", """
                    code,type,lender,amount,currency,date,ref,note
                    ILL-MF-09,disbursement,\(Self.icbc),"1,000,000.00",USD,2026-01-10,T-1,
                    ILL-MF-09,interest,\(Self.icbc),1000.00,USD,2026-02-10,T-2,first interest

                    """)
                let imported = try await cli.run(["tx", "import", good])
                expectSuccess(imported, "tx import")
                #expect(imported.stdout == "recorded 2 transactions from \(good)\n")
                let again = try await cli.run(["tx", "import", good])
                #expect(again.status == 65)
                #expect(again.stderr.contains("\(good):2: ref:"), "\(again.summary)")
                let missing = try await cli.run(["tx", "import", folder.file("nope.csv")])
                #expect(missing.status == 66)
                let listed = try jsonArray(try await cli.succeed(["tx", "list", "ILL-MF-09", "--format", "json"]).stdout)
                #expect(listed.compactMap { $0["ref"] as? String } == ["ILL-MF-09-D01", "T-1", "T-2"])
            }
        }
    }
}
