import Foundation
import PortfolioCore
import Testing
import TestSupport

/// Values that would make the portfolio unreportable are refused where they are written, and
/// what is accepted — up to the bounds — leaves every report and the rollup job working.
@Suite("poison values: the bounds and the rates that keep every report working, end to end")
struct PoisonValueTests {
    typealias R = CSVText
    static let limitUSD = "the largest USD value is 9,999,999,999,999,999.99 (10^18 - 1 minor units)"

    static let refusals: [BadInput] = [
        BadInput(label: "add: a value one minor unit past the bound",
                 arguments: BadInputCorpus.add(["--value": "10,000,000,000,000,000.00"]), status: .dataError,
                 mentions: ["error: --value: ", limitUSD]),
        BadInput(label: "add: a value near Int64.max minor units", arguments: BadInputCorpus.add(["--value": "92233720368547758.07"]),
                 status: .dataError, mentions: ["error: --value: ", limitUSD]),
        BadInput(label: "add: a value past 128 bits", arguments: BadInputCorpus.add(["--value": String(repeating: "9", count: 45)]),
                 status: .dataError, mentions: ["error: --value: ", limitUSD]),
        BadInput(label: "add: yen past the bound", arguments: BadInputCorpus.add(["--value": "1000000000000000000", "--currency": "JPY"]),
                 status: .dataError, mentions: ["--value: ", "the largest JPY value is 999,999,999,999,999,999"]),
        BadInput(label: "update: a value near Int64.max minor units",
                 arguments: ["project", "update", "ILL-EN-05", "--value", "92233720368547758.07"], status: .dataError,
                 mentions: ["error: --value: ", limitUSD]),
        BadInput(label: "update: dinars past the bound with --currency",
                 arguments: ["project", "update", "ILL-EN-05", "--value", "1,000,000,000,000,000.000", "--currency", "KWD"],
                 status: .dataError, mentions: ["--value: ", "the largest KWD value is 999,999,999,999,999.999"]),
        BadInput(label: "import: a row past the bound", arguments: ["project", "import", "$DIR/big.csv"], status: .dataError,
                 report: .fileImport(problems: 1),
                 files: ["big.csv": R.file([R.header, R.row("BIG-1", value: "92233720368547758.07")])],
                 mentions: ["$DIR/big.csv:2: value: ", limitUSD]),
        BadInput(label: "target set: past the bound", arguments: ["target", "set", "10,000,000,000,000,000", "USD"], status: .dataError,
                 mentions: ["error: amount: ", limitUSD]),
        BadInput(label: "update: a currency with no rate", arguments: ["project", "update", "ILL-EN-05", "--currency", "KZT", "--value", "1000"],
                 status: .dataError, mentions: ["ILL-EN-05", "no USD rate for KZT on or before 2016-03-22",
                                               "'portfolio fx set KZT 2016-03-22 RATE --quote USD'"]),
        BadInput(label: "update: a currency whose only rate is after the value date",
                 arguments: ["project", "update", "ILL-EN-05", "--currency", "KZT", "--value", "1000"], status: .dataError,
                 setup: [["fx", "set", "KZT", "2016-03-23", "0.0029"]], mentions: ["'portfolio fx set KZT 2016-03-22 RATE --quote USD'"]),
        BadInput(label: "update: a value date before the currency's first rate",
                 arguments: ["project", "update", "ILL-EN-05", "--currency", "CNY", "--value", "1", "--value-date", "2019-12-31"],
                 status: .dataError, setup: [["fx", "set", "CNY", "2020-01-01", "0.14"]],
                 mentions: ["'portfolio fx set CNY 2019-12-31 RATE --quote USD'"]),
        BadInput(label: "add: a currency with no rate", arguments: BadInputCorpus.add(["--currency": "KZT"]), status: .dataError,
                 mentions: ["NEW-01", "'portfolio fx set KZT 2024-01-02 RATE --quote USD'"]),
        BadInput(label: "import: a row in a currency with no rate", arguments: ["project", "import", "$DIR/kzt.csv"], status: .dataError,
                 report: .fileImport(problems: 1),
                 files: ["kzt.csv": R.file([R.header, R.row("OK-1"), R.row("KZT-1", currency: "KZT")])],
                 mentions: ["$DIR/kzt.csv:3: currency: ", "'portfolio fx set KZT 2024-01-02 RATE --quote USD'"], avoids: ["kzt.csv:2:"]),
        BadInput(label: "target set: a currency the values have no rate into", arguments: ["target", "set", "1,000", "EUR"],
                 status: .dataError, mentions: ["the target cannot be in EUR", "32 values in USD (ILL-AG-01, ILL-AG-02, ILL-AG-03, …), the earliest dated 2009-06-18", "'portfolio fx set USD 2009-06-18 RATE --quote EUR'"]),
        BadInput(label: "report: a currency the values have no rate into", arguments: ["report", "sectors", "--currency", "EUR"],
                 status: .dataError, mentions: ["no EUR rate for USD on or before", "RATE --quote EUR'"]),
        BadInput(label: "fx set: a rate past the largest", arguments: ["fx", "set", "VND", "2024-01-01", "1000000.000000000001"],
                 status: .dataError, mentions: ["error: rate: ", "is more than 1000000, the largest rate"]),
        BadInput(label: "fx import: a rate past the largest", arguments: ["fx", "import", "$DIR/rates.csv"], status: .dataError,
                 report: .fileImport(problems: 1),
                 files: ["rates.csv": R.file(["currency,date,rate,quote", "CNY,2024-01-02,0.14,USD", "USD,2024-01-02,25000000,VND"])],
                 mentions: ["$DIR/rates.csv:3: rate: ", "the largest rate"], avoids: ["rates.csv:2:"]),
    ]

    @Test("refused where written, naming the flag and the limit or the fx set command, nothing changed", arguments: refusals)
    func refused(_ bad: BadInput) async throws { try await bad.check() }

    /// Runs `portfolio-worker --once`; every rollup job must have completed.
    static func workOnce(_ cli: PortfolioCLI, _ db: TestDatabase) async throws {
        let run = try await ExecutableRun.run("portfolio-worker", ["--once", "--http-address", "off"], environment: cli.environment)
        #expect(run.status == 0, "\(run.summary)")
        let states = try await db.run { c in
            try c.query("SELECT state FROM jobs WHERE kind = 'rollup.take' ORDER BY id").map { try $0.decode(String.self, at: 0) }
        }
        #expect(!states.isEmpty && states.allSatisfy { $0 == "completed" }, "\(states)")
    }

    /// Every report in every format, today and as of a past date, exits 0.
    static func everyReportRuns(_ cli: PortfolioCLI, asOf: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for kind in ["sectors", "statuses", "lenders", "progress", "trend"] {
            for format in ["table", "csv", "json", "markdown", "html"] {
                for date in [[], ["--as-of", asOf]] {
                    let run = try await cli.run(["report", kind, "--format", format] + date)
                    #expect(run.status == 0, "report \(kind) \(format) \(date): \(run.summary)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test("at the bound, with the largest rate into the most digits: every report and the rollup job work, sums exact")
    func atTheBound() async throws {
        try await withSampleDatabase { db, cli in
            try await cli.succeed(["fx", "set", "JPY", "2024-01-01", "1000000"])
            for code in ["MAX-1", "MAX-2"] {
                try await cli.succeed(BadInputCorpus.add(["--code": code, "--value": "9,999,999,999,999,999.99", "--status": "ongoing"]))
            }
            try await cli.succeed(BadInputCorpus.add(["--code": "MAX-Y", "--value": "999,999,999,999,999,999", "--currency": "JPY"]))
            try await cli.succeed(["target", "set", "9,999,999,999,999,999.99", "USD"])
            try await Self.workOnce(cli, db)
            try await Self.everyReportRuns(cli, asOf: "2024-06-30")
            let progress = try jsonObject(try await cli.succeed(["report", "progress", "--format", "json"]).stdout)
            // The sample's 8,000,000,000.00, two largest dollar values, and 10^18 - 1 yen at 1,000,000 USD per yen.
            let expected = "1000000020000007998999999.98"
            let total = try #require(progress["total"] as? [String: Any])
            #expect(total["value"] as? String == expected, "\(progress)")
            let list = try await cli.succeed(["rollup", "list", "--format", "csv"]).stdout
            #expect(list.contains(expected), "\(list)")
        }
    }

    @Test("a currency refused for want of a rate is accepted once the rate exists, and every report and the rollup still work")
    func rateAddedLater() async throws {
        try await withSampleDatabase { db, cli in
            await #expect(try cli.run(["project", "update", "ILL-EN-05", "--currency", "KZT", "--value", "1,000,000"]).status == 65)
            try await cli.succeed(["fx", "set", "KZT", "2016-01-01", "0.0029"])
            try await cli.succeed(["project", "update", "ILL-EN-05", "--currency", "KZT", "--value", "1,000,000"])
            try await Self.workOnce(cli, db)
            try await Self.everyReportRuns(cli, asOf: "2017-01-01")
            // A rate replaced on its date moves the total on the next rollup, and still converts.
            try await cli.succeed(["fx", "set", "KZT", "2016-01-01", "0.0031"])
            try await Self.workOnce(cli, db)
            let show = try await cli.succeed(["report", "sectors", "--format", "csv"]).stdout
            #expect(show.contains("3100.00"), "\(show)")
        }
    }
}
