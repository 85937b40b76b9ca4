import Foundation
import Testing
import TestSupport

/// The happy paths of the lender, sector, fx, target and sample commands, end to end.
@Suite("portfolio lender, sector, fx, target and sample commands, end to end")
struct ReferenceCommandTests {
    /// How many sample projects each lender finances, from the sample file.
    static var sampleLenderCounts: [String: Int] {
        SampleRow.all.flatMap(\.lenders).reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    @Test("lender add, then list as table, CSV and JSON with project counts")
    func lenders() async throws {
        try await withSampleDatabase { _, cli in
            let added = try await cli.run(["lender", "add", "Asian Infrastructure Investment Bank", "--country", "cn", "--kind", "fund"])
            expectSuccess(added, "lender add")
            #expect(added.stdout == "added lender Asian Infrastructure Investment Bank\n")

            let csv = try await cli.succeed(["lender", "list", "--format", "csv"]).stdout
            #expect(csv.hasPrefix("name,country,kind,projects\n"))
            #expect(csv.contains("\nAsian Infrastructure Investment Bank,CN,fund,0\n"))
            for (lender, count) in Self.sampleLenderCounts {
                #expect(csv.contains("\n\(lender),,other,\(count)\n"), "\(lender) should finance \(count): \(csv)")
            }
            #expect(csvDataLines(csv).count == Self.sampleLenderCounts.count + 1)

            let json = try jsonArray(try await cli.succeed(["lender", "list", "--format", "json"]).stdout)
            #expect(json.count == Self.sampleLenderCounts.count + 1)
            let table = try await cli.succeed(["lender", "list"]).stdout
            #expect(table.hasPrefix("NAME"))
            #expect(table.contains("Asian Infrastructure Investment Bank"))
        }
    }

    @Test("sector add, then list as table, CSV and JSON; a new sector takes projects")
    func sectors() async throws {
        try await withSampleDatabase { _, cli in
            let added = try await cli.run(["sector", "add", "mining", "Mining", "--dac", "322"])
            expectSuccess(added, "sector add")
            #expect(added.stdout == "added sector mining\n")
            try await cli.succeed(["project", "update", "ILL-MF-04", "--sector", "mining"])

            let csv = try await cli.succeed(["sector", "list", "--format", "csv"]).stdout
            #expect(csv.hasPrefix("code,name,dac,projects\n"))
            #expect(csv.contains("\nmining,Mining,322,1\n"), "\(csv)")
            let energy = SampleRow.all.filter { $0.sector == "energy" }.count
            let manufacturing = SampleRow.all.filter { $0.sector == "manufacturing" }.count - 1
            #expect(csv.contains("\nenergy,Energy,230,\(energy)\n"), "\(csv)")
            #expect(csv.contains("\nmanufacturing,Manufacturing,321,\(manufacturing)\n"), "\(csv)")
            #expect(try jsonArray(try await cli.succeed(["sector", "list", "--format", "json"]).stdout).count == 6)
            #expect(try await cli.succeed(["sector", "list"]).stdout.contains("mining"))
            #expect(codes(ofCSV: try await cli.succeed(["project", "list", "--sector", "mining", "--format", "csv"]).stdout) == ["ILL-MF-04"])
        }
    }

    @Test("fx set and fx import, then fx list as table, CSV and JSON")
    func fx() async throws {
        try await TemporaryFolder.with { folder in
            try await withSampleDatabase { _, cli in
                let set = try await cli.run(["fx", "set", "cny", "2024-01-02", "0.1408"])
                expectSuccess(set, "fx set")
                #expect(set.stdout == "set CNY/USD 2024-01-02 0.1408\n")
                let file = try folder.write("rates.csv", "currency,date,rate,quote\nEUR,2024-01-02,1.0945,\nCNY,2024-02-01,0.1391,USD\nBYN,2024-01-02,0.31,EUR\n")
                let imported = try await cli.run(["fx", "import", file])
                expectSuccess(imported, "fx import")
                #expect(imported.stdout == "imported 3 rates\n")

                let csv = try await cli.succeed(["fx", "list", "--format", "csv"]).stdout
                #expect(Set(csvDataLines(csv)) == ["CNY,2024-01-02,0.1408,USD", "CNY,2024-02-01,0.1391,USD",
                                                    "EUR,2024-01-02,1.0945,USD", "BYN,2024-01-02,0.31,EUR"], "\(csv)")
                #expect(try jsonArray(try await cli.succeed(["fx", "list", "--format", "json"]).stdout).count == 4)
                let table = try await cli.succeed(["fx", "list"]).stdout
                #expect(table.hasPrefix("CURRENCY"))
                #expect(table.contains("0.1391"))
            }
        }
    }

    @Test("fx rates at the limits (12 decimals, the largest rate) are stored and listed exactly, by fx set and fx import")
    func fxLimits() async throws {
        try await TemporaryFolder.with { folder in
            try await withSampleDatabase { _, cli in
                await expectSuccess(try cli.run(["fx", "set", "CNY", "2024-01-02", "0.140800000001"]), "12 decimals")
                await expectSuccess(try cli.run(["fx", "set", "CNY", "2024-01-03", " 1000000.000000000000 "]), "the largest rate")
                let file = try folder.write("rates.csv", "currency,date,rate\nEUR,2024-01-02,0.000000000001\nEUR,2024-01-03,1.0800000000000000\n")
                await expectSuccess(try cli.run(["fx", "import", file]), "fx import")
                let csv = try await cli.succeed(["fx", "list", "--format", "csv"]).stdout
                #expect(Set(csvDataLines(csv)) == ["CNY,2024-01-02,0.140800000001,USD", "CNY,2024-01-03,1000000,USD",
                                                    "EUR,2024-01-02,0.000000000001,USD", "EUR,2024-01-03,1.08,USD"], "\(csv)")
            }
        }
    }

    @Test("target show gives the default; target set replaces it, shown as text and JSON")
    func target() async throws {
        try await withSampleDatabase { _, cli in
            #expect(try await cli.succeed(["target", "show"]).stdout == "8,000,000,000.00 USD (set by system)\n")
            // Reports convert every value into the target's currency, so its rates come first.
            try await cli.succeed(["fx", "set", "USD", "2000-01-01", "0.92", "--quote", "EUR"])
            let set = try await cli.run(["target", "set", "9,500,000,000", "eur"])
            expectSuccess(set, "target set")
            #expect(set.stdout == "target set to 9,500,000,000.00 EUR\n")
            #expect(try await cli.succeed(["target", "show"]).stdout == "9,500,000,000.00 EUR (set by e2e-tests)\n")
            let json = try jsonObject(try await cli.succeed(["target", "show", "--format", "json"]).stdout)
            let amount = try #require(json["amount"] as? [String: Any])
            #expect(amount["amount"] as? String == "9500000000.00")
            #expect(amount["currency"] as? String == "EUR")
        }
    }

    @Test("sample load twice: the second load changes nothing")
    func sampleTwice() async throws {
        try await withSampleDatabase { db, cli in
            let before = try await DatabaseFingerprint.capture(db)
            #expect(DatabaseFingerprint.rowCount(before, "projects") == 32)
            let dumpBefore = await DatabaseFingerprint.dataDump(url: db.url)
            let again = try await cli.run(["sample", "load"])
            expectSuccess(again, "second sample load")
            #expect(again.stdout == "sample already loaded: 32 projects present; nothing changed\n")
            #expect(try await DatabaseFingerprint.capture(db) == before)
            if let dumpBefore {
                #expect(await DatabaseFingerprint.dataDump(url: db.url) == dumpBefore)
                #expect(dumpBefore.contains("ILL-EN-01"), "pg_dump --data-only should hold the sample")
            }
            let total = try await db.run { c in try c.query("SELECT sum(value_minor) FROM projects").scalar(Int.self) }
            #expect(total == 800_000_000_000, "the sample portfolio is worth 8,000,000,000.00 USD")
        }
    }
}
