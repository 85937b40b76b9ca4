import Foundation
import Testing
import TestSupport

/// `portfolio tx …` and `portfolio report financing`, end to end, on the sample portfolio.
/// ILL-EN-01 is worth 712,500,000.00 USD, all of it from the Export-Import Bank of China.
@Suite("portfolio tx and report financing, end to end")
struct LedgerCommandTests {
    static let exim = "Export-Import Bank of China"

    @Test("tx add records, tx list shows, report financing adds up; refusals are one line with the contract's code and change nothing")
    func addListReport() async throws {
        try await withSampleDatabase { _, cli in
            let added = try cli.run(["tx", "add", "ILL-EN-01", "--type", "disbursement", "--lender", "export-import bank of china",
                                     "--amount", "500,000,000", "--currency", "USD", "--date", "2010-05-01", "--ref", "D-1"])
            expectSuccess(added, "tx add")
            #expect(added.stdout.hasPrefix("ILL-EN-01: disbursement of 500,000,000.00 USD by Export-Import Bank of China on 2010-05-01"))

            let refusals: [([String], Int32, String)] = [
                (["--amount", "212,500,000.01"], 65, "error: amount: this disbursement takes"),
                (["--amount", "1", "--ref", "D-1"], 65, "error: ref: ILL-EN-01 has a transaction with reference \"D-1\" already"),
                (["--amount", "1", "--lender", "China Development Bank"], 65, "does not finance ILL-EN-01"),
                (["--amount", "1", "--date", "2199-01-01"], 65, "error: date: 2199-01-01 is after today"),
                (["--amount", "1", "--type", "gift"], 65, "error: --type: \"gift\" is not a transaction type"),
                (["--amount", "0"], 65, "error: --amount: "),
                (["--amount", "1", "--force"], 65, "error: --note: a forced transaction needs a note"),
            ]
            for (changes, status, message) in refusals {
                var arguments = ["tx", "add", "ILL-EN-01", "--type", "disbursement", "--lender", Self.exim, "--amount", "1",
                                 "--currency", "USD", "--date", "2011-01-01"]
                for index in stride(from: 0, to: changes.count, by: 2) {
                    if let at = arguments.firstIndex(of: changes[index]) {
                        arguments[at + 1] = changes[index + 1]
                    } else {
                        arguments.append(contentsOf: changes[index..<min(index + 2, changes.count)])
                    }
                }
                let run = try cli.run(arguments)
                #expect(run.status == status, "\(changes): \(run.summary)")
                #expect(run.stderrLines.count == 1, "\(changes): \(run.summary)")
                #expect(run.stderr.contains(message), "\(changes): \(run.summary)")
                #expect(run.stdout.isEmpty)
            }
            let forced = try cli.run(["tx", "add", "ILL-EN-01", "--type", "disbursement", "--lender", Self.exim, "--amount", "212,500,000.01",
                                      "--currency", "USD", "--date", "2011-01-01", "--force", "--note", "bridge"])
            expectSuccess(forced, "forced tx add")

            let listed = try jsonArray(try cli.succeed(["tx", "list", "ILL-EN-01", "--format", "json"]).stdout)
            #expect(listed.map { $0["amount"] as? String } == ["500000000.00", "212500000.01"])
            #expect(listed.map { $0["forced"] as? String } == ["false", "true"])

            let csv = try cli.succeed(["report", "financing", "--format", "csv"]).stdout
            let eximLine = try #require(csv.split(separator: "\n").first { $0.hasPrefix(Self.exim + ",") })
            let cells = eximLine.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells[3] == "712500000.01", "disbursed: \(eximLine)")
            #expect(cells[5] == "0.01", "over-disbursed: \(eximLine)")
            let early = try cli.succeed(["report", "financing", "--as-of", "2010-12-31", "--format", "csv"]).stdout
            #expect(early.contains(",500000000.00,"))
            let html = try cli.run(["report", "financing", "--format", "html"])
            #expect(html.status == 65)
        }
    }

    @Test("tx import records a file whole or reports FILE:LINE and records nothing; a missing file is 66")
    func importFile() async throws {
        try await TemporaryFolder.with { folder in
            try await withSampleDatabase { _, cli in
                let good = try folder.write("good.csv", """
                    code,type,lender,amount,currency,date,ref,note
                    ILL-EN-01,disbursement,\(Self.exim),"100,000,000.00",USD,2010-01-10,T-1,
                    ILL-EN-01,repayment,\(Self.exim),1000.00,USD,2015-01-10,T-2,first repayment

                    """)
                let imported = try cli.run(["tx", "import", good])
                expectSuccess(imported, "tx import")
                #expect(imported.stdout == "recorded 2 transactions from \(good)\n")
                let again = try cli.run(["tx", "import", good])
                #expect(again.status == 65)
                #expect(again.stderr.contains("\(good):2: ref:"), "\(again.summary)")
                let missing = try cli.run(["tx", "import", folder.file("nope.csv")])
                #expect(missing.status == 66)
                let listed = try jsonArray(try cli.succeed(["tx", "list", "--format", "json"]).stdout)
                #expect(listed.count == 2)
            }
        }
    }
}
