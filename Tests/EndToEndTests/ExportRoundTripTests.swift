import Foundation
import Testing
import TestSupport

/// Every field a user can set survives `project export` → `project import` into an empty database.
@Suite("project export then import keeps every settable field, end to end")
struct ExportRoundTripTests {
    /// Keys of `project export --format json` that the store sets, not the user.
    static let storeKeys: Set<String> = ["version", "created_at", "updated_at", "createdAt", "updatedAt"]

    /// Every project of `export --format json`, by code, without the keys the store sets.
    static func settableFields(_ cli: PortfolioCLI) async throws -> [String: NSDictionary] {
        var out: [String: NSDictionary] = [:]
        for project in try await jsonArray(cli.succeed(["project", "export", "--format", "json"]).stdout) {
            let code = try #require(project["code"] as? String)
            out[code] = NSDictionary(dictionary: project.filter { !storeKeys.contains($0.key) })
        }
        return out
    }

    @Test("odd text, every optional field set, none set, and cleared: export → import → export is the same")
    func everySettableField() async throws {
        let oddName = #"Plant "Alpha", Unit 1 — Ünïcödé ✓"#
        let oddDescription = #"Line one, "two"; 'three' — 中国 ✓ =SUM(A1) \ $1 %s"#
        let oddLocation = #"Brest, "Region" / Брэст"#
        try await TemporaryFolder.with { folder in
            try await withSampleDatabase { _, cli in
                try await ProjectCommandTests.awkwardRates(cli)
                try await cli.succeed([
                    "project", "add", "--code", "RT-ALL", "--name", oddName, "--sector", "energy", "--status", "ongoing",
                    "--value", "1,234.567", "--currency", "KWD", "--value-date", "2023-02-03",
                    "--lender", #"O'Brien "Trust", Ltd=33.33"#, "--lender", "Bank + Partners, Inc.=66.67",
                    "--start", "2023-03-01", "--end", "2030-12-31", "--location", oddLocation, "--description", oddDescription,
                ])
                try await cli.succeed(["project", "add", "--code", "RT-MIN", "--name", "Minimal", "--sector", "other",
                                 "--value", "0", "--currency", "JPY", "--value-date", "2020-01-01", "--lender", "Ещё Банк"])
                try await cli.succeed(["project", "add", "--code", "RT-CLR", "--name", "Cleared", "--sector", "logistics",
                                 "--value", "5", "--currency", "USD", "--value-date", "2022-01-01", "--lender", "Bank of China",
                                 "--start", "2022-02-02", "--end", "2023-02-02", "--location", "x", "--description", "y"])
                try await cli.succeed(["project", "update", "RT-CLR", "--start", "", "--end", "", "--location", "", "--description", ""])
                try await cli.succeed(["status", "set", "RT-MIN", "committed"])

                let before = try await Self.settableFields(cli)
                let all = try #require(before["RT-ALL"])
                #expect(all["description"] as? String == oddDescription)
                #expect(all["location"] as? String == oddLocation)
                #expect(all["name"] as? String == oddName)
                let cleared = try #require(before["RT-CLR"])
                #expect(cleared["description"] == nil && cleared["location"] == nil && cleared["start_date"] == nil)

                let csv = try await cli.succeed(["project", "export"]).stdout
                #expect(csv.hasPrefix("code,name,sector,status,value,currency,value_date,lenders,start_date,end_date,location,description\n"))
                let file = try folder.write("export.csv", csv)
                try await TestDatabase.with { empty in
                    let other = PortfolioCLI(empty)
                    try await ProjectCommandTests.awkwardRates(other)
                    let imported = try await other.run(["project", "import", file])
                    expectSuccess(imported, "re-import")
                    let after = try await Self.settableFields(other)
                    #expect(after.keys.sorted() == before.keys.sorted())
                    for (code, fields) in before {
                        #expect(after[code] == fields, "\(code): \(String(describing: after[code])) ≠ \(fields)")
                    }
                    #expect(try await other.succeed(["project", "export"]).stdout == csv)
                }
            }
        }
    }

    @Test("a line break or other control character is refused alike by add, update and import, so nothing is lost",
          arguments: ["two\nlines", "carriage\rreturn", "tab\there", "escape\u{1B}[2J", "delete\u{7F}"])
    func controlCharactersAreRefusedEverywhere(_ text: String) async throws {
        try await TemporaryFolder.with { folder in
            try await withSampleDatabase { db, cli in
                let fingerprint = try await DatabaseFingerprint.capture(db)
                let add = try await cli.run(["project", "add", "--code", "RT-CC", "--name", "ok", "--sector", "other", "--value", "1",
                                       "--currency", "USD", "--lender", "Bank of China", "--description", text])
                #expect(add.status == 65, "add: \(add.summary)")
                #expect(add.stderr.hasPrefix("error: --description: "), "\(add.stderr)")
                let update = try await cli.run(["project", "update", "ILL-EN-05", "--description", text])
                #expect(update.status == 65, "update: \(update.summary)")
                let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                let file = try folder.write("cc.csv", "code,name,sector,value,currency,value_date,lenders,description\n"
                    + "RT-CC,ok,other,1,USD,2024-01-01,Bank of China,\(quoted)\n")
                let imported = try await cli.run(["project", "import", file])
                #expect(imported.status == 65, "import: \(imported.summary)")
                #expect(imported.stderr.contains("cc.csv:2: description"), "\(imported.stderr)")
                #expect(try await DatabaseFingerprint.capture(db) == fingerprint)
            }
        }
    }
}
