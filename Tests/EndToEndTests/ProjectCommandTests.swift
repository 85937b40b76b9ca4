import Foundation
import Postgres
import Testing
import TestSupport

/// The happy paths of `portfolio project …`, end to end on the built executable.
@Suite("portfolio project commands, end to end")
struct ProjectCommandTests {
    static let addArguments = [
        "project", "add", "--code", "BY-EN-99", "--name", "Grodno Combined Heat and Power", "--sector", "energy",
        "--status", "committed", "--value", "1,200,000,000.50", "--currency", "USD", "--value-date", "2024-03-01",
        "--lender", "China Development Bank=60", "--lender", "Asian Infrastructure Investment Bank=40",
        "--start", "2024-04-01", "--end", "2028-12-31", "--location", "Grodno Region", "--description", "Two 200 MW units",
    ]

    @Test("project add, then show as text and JSON")
    func addAndShow() async throws {
        try await withSampleDatabase { db, cli in
            let before = try await DatabaseFingerprint.capture(db)
            let added = try await cli.run(Self.addArguments)
            expectSuccess(added, "add")
            #expect(added.stdout == "added BY-EN-99 (version 1)\n")
            let after = try await DatabaseFingerprint.capture(db)
            #expect(DatabaseFingerprint.rowCount(after, "projects") == 33)
            #expect(DatabaseFingerprint.differences(before, after).contains("project_lenders"))

            let text = try await cli.run(["project", "show", "BY-EN-99"])
            expectSuccess(text, "show")
            let expectedFields = [
                ("code", "BY-EN-99"), ("name", "Grodno Combined Heat and Power"), ("sector", "energy"), ("status", "committed"),
                ("value", "1,200,000,000.50 USD"), ("value date", "2024-03-01"), ("lenders", "China Development Bank (60%)"),
                ("start", "2024-04-01"), ("planned end", "2028-12-31"), ("location", "Grodno Region"),
                ("description", "Two 200 MW units"), ("version", "1"),
            ]
            for (label, value) in expectedFields {
                #expect(shownField(label, in: text.stdout) == value, "show: \(label) should be \(value):\n\(text.stdout)")
            }
            #expect(text.stdout.contains("\n             Asian Infrastructure Investment Bank (40%)\n"), "\(text.stdout)")
            #expect(text.stdout.contains("\nstatus history\n"))

            let shown = try jsonObject(try await cli.succeed(["project", "show", "BY-EN-99", "--format", "json"]).stdout)
            let project = try #require(shown["project"] as? [String: Any])
            #expect(project["code"] as? String == "BY-EN-99")
            #expect(project["name"] as? String == "Grodno Combined Heat and Power")
            #expect(project["status"] as? String == "committed")
            #expect(project["version"] as? Int == 1)
            let value = try #require(project["value"] as? [String: Any])
            #expect(value["amount"] as? String == "1200000000.50")
            #expect(value["currency"] as? String == "USD")
            let lenders = try #require(project["lenders"] as? [[String: Any]])
            #expect(lenders.map { $0["lender"] as? String } == ["China Development Bank", "Asian Infrastructure Investment Bank"])
            #expect(lenders.map { $0["basis_points"] as? Int } == [6000, 4000])
            let history = try #require(shown["history"] as? [[String: Any]])
            #expect(history.count == 1)
            #expect(history.first?["to"] as? String == "committed")
            #expect(history.first?["effective"] as? String == "2024-03-01")
            #expect((shown["scheduled"] as? [Any])?.isEmpty == true)

            let json = try jsonObject(try await cli.succeed(Array(Self.addArguments.prefix(2)) + ["--code", "BY-EN-98"]
                + Array(Self.addArguments.dropFirst(4)) + ["--format", "json"]).stdout)
            #expect(json["code"] as? String == "BY-EN-98")
            #expect(json["version"] as? Int == 1)
        }
    }

    @Test("project update changes only the fields given, and --expect-version at the current version works")
    func update() async throws {
        try await withSampleDatabase { _, cli in
            let first = try await cli.run(["project", "update", "ILL-EN-05", "--value", "250,000,000", "--location", "Gomel"])
            expectSuccess(first, "update")
            #expect(first.stdout == "updated ILL-EN-05 (version 2)\n")
            let second = try await cli.run(["project", "update", "ILL-EN-05", "--name", "Southern Grid", "--expect-version", "2",
                                      "--lender", "Bank of China=100", "--start", "", "--format", "json"])
            expectSuccess(second, "update with --expect-version")
            let json = try jsonObject(second.stdout)
            #expect(json["version"] as? Int == 3)
            #expect(json["start_date"] == nil, "--start \"\" clears the start date: \(second.stdout)")

            let shown = try jsonObject(try await cli.succeed(["project", "show", "ILL-EN-05", "--format", "json"]).stdout)
            let project = try #require(shown["project"] as? [String: Any])
            #expect(project["name"] as? String == "Southern Grid")
            #expect(project["location"] as? String == "Gomel")
            #expect((project["value"] as? [String: Any])?["amount"] as? String == "250000000.00")
            #expect(project["sector"] as? String == "energy")
            #expect(project["status"] as? String == "ongoing")
            #expect(project["end_date"] as? String == "2027-12-31")
            #expect(project["start_date"] == nil)
            #expect((project["lenders"] as? [[String: Any]])?.map { $0["lender"] as? String } == ["Bank of China"])
        }
    }

    @Test("project list as table, CSV and JSON, with filters", arguments: [
        ListFilter(label: "no filter", arguments: [], matches: { _ in true }),
        ListFilter(label: "--sector energy", arguments: ["--sector", "energy"], matches: { $0.sector == "energy" }),
        ListFilter(label: "--status finished", arguments: ["--status", "finished"], matches: { $0.status == "finished" }),
        ListFilter(label: "--lender in another case", arguments: ["--lender", "bank of china"],
                   matches: { $0.lenders.contains("Bank of China") }),
        ListFilter(label: "--sector manufacturing --status ongoing", arguments: ["--sector", "manufacturing", "--status", "ongoing"],
                   matches: { $0.sector == "manufacturing" && $0.status == "ongoing" }),
        ListFilter(label: "--lender nobody finances with", arguments: ["--lender", "Nobody Bank"], matches: { _ in false }),
    ])
    func list(_ filter: ListFilter) async throws {
        let expected = SampleRow.all.filter(filter.matches).map(\.code).sorted()
        #expect(SampleRow.all.count == 32)
        try await withSampleDatabase { _, cli in
            let table = try await cli.run(["project", "list"] + filter.arguments)
            expectSuccess(table, "list table")
            let lines = table.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("CODE") == true)
            #expect(lines.last == "\(expected.count) project\(expected.count == 1 ? "" : "s")", "\(table.stdout)")
            #expect(lines.filter { $0.hasPrefix("ILL-") }.map { String($0.prefix(9)) } == expected)

            let csv = try await cli.run(["project", "list", "--format", "csv"] + filter.arguments)
            expectSuccess(csv, "list csv")
            #expect(csv.stdout.hasPrefix("code,name,sector,status,value,currency,value_date,lenders,start_date,end_date,location,description\n"))
            #expect(codes(ofCSV: csv.stdout) == expected)

            let json = try await cli.run(["project", "list", "--format", "json"] + filter.arguments)
            expectSuccess(json, "list json")
            let projects = try jsonArray(json.stdout)
            #expect(projects.compactMap { $0["code"] as? String } == expected)
        }
    }

    @Test("project export: CSV equals the sample (and list --format csv), --output writes the same, JSON has every project")
    func export() async throws {
        try await TemporaryFolder.with { folder in
            try await withSampleDatabase { _, cli in
                let csv = try await cli.run(["project", "export"])
                expectSuccess(csv, "export")
                #expect(csv.stdout.hasPrefix("code,name,sector,status,value,currency,value_date,lenders,start_date,end_date,location,description\n"))
                // The sample has no description column; the export ends each line with an empty one.
                #expect(Set(csvDataLines(csv.stdout).map(normalizeCSVLine)) == Set(SampleRow.all.map { $0.normalizedLine + "," }))
                #expect(csv.stdout == (try await cli.succeed(["project", "list", "--format", "csv"])).stdout)

                let file = folder.file("export.csv")
                let written = try await cli.run(["project", "export", "--output", file])
                #expect(written.status == 0, "\(written.summary)")
                #expect(written.stdout.isEmpty)
                #expect(try String(contentsOfFile: file, encoding: .utf8) == csv.stdout)

                let json = try jsonArray(try await cli.succeed(["project", "export", "--format", "json"]).stdout)
                #expect(json.compactMap { $0["code"] as? String } == SampleRow.all.map(\.code).sorted())
            }
        }
    }

    /// Valid CSV that is awkward to read: a BOM, CRLF line ends, quotes, commas and a line
    /// break inside quoted fields, SQL in names, several currencies, unicode.
    static let awkwardCSV: Data = {
        let lines = [
            "code,name,sector,status,value,currency,value_date,lenders,start_date,end_date,location",
            #"RT-01,"Plant ""Alpha"", Unit 1",energy,committed,"1,200,000,000.50",USD,2024-03-01,"China Development Bank=60;O'Brien ""Trust"", Ltd=40",2024-04-01,2027-12-31,"Brest, Region""#,
            #"RT-02,"Robert'); DROP TABLE projects;--",other,ongoing,5000,JPY,2023-01-01,"Bobby's Bank -- x=33.33;Bank of China=66.67",,,"'; DELETE FROM lenders; --""#,
            "RT-03,\"Multi-line name\r\n\",logistics,,0.5,KWD,2022-05-05,Ещё Банк,,,Мінск 中国",
        ]
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data((lines.joined(separator: "\r\n") + "\r\n").utf8))
        return data
    }()

    /// Rates that convert the awkward file's JPY and KWD values into USD.
    static func awkwardRates(_ cli: PortfolioCLI) async throws {
        try await cli.succeed(["fx", "set", "JPY", "2020-01-01", "0.0067"])
        try await cli.succeed(["fx", "set", "KWD", "2020-01-01", "3.25"])
    }

    @Test("import of awkward but valid CSV stores every value literally")
    func importAwkward() async throws {
        try await TemporaryFolder.with { folder in
            try await withSampleDatabase { db, cli in
                let file = try folder.write("awkward.csv", Self.awkwardCSV)
                try await Self.awkwardRates(cli)
                let run = try await cli.run(["project", "import", file])
                expectSuccess(run, "import")
                #expect(run.stdout == "imported 3 projects (3 new lenders)\n")

                let one = try await #require(try jsonObject(cli.succeed(["project", "show", "RT-01", "--format", "json"]).stdout)["project"] as? [String: Any])
                #expect(one["name"] as? String == #"Plant "Alpha", Unit 1"#)
                #expect(one["location"] as? String == "Brest, Region")
                #expect((one["value"] as? [String: Any])?["amount"] as? String == "1200000000.50")
                #expect((one["lenders"] as? [[String: Any]])?.compactMap { $0["lender"] as? String }
                        == ["China Development Bank", #"O'Brien "Trust", Ltd"#])

                let two = try await cli.run(["project", "show", "RT-02"])
                expectSuccess(two, "show RT-02")
                #expect(shownField("name", in: two.stdout) == "Robert'); DROP TABLE projects;--")
                #expect(shownField("location", in: two.stdout) == "'; DELETE FROM lenders; --")
                #expect(shownField("value", in: two.stdout) == "5,000 JPY")
                #expect(two.stdout.contains("Bobby's Bank -- x (33.33%)"))

                let three = try await #require(try jsonObject(cli.succeed(["project", "show", "RT-03", "--format", "json"]).stdout)["project"] as? [String: Any])
                #expect(three["name"] as? String == "Multi-line name")
                #expect(three["status"] as? String == "pledged")
                #expect(three["location"] as? String == "Мінск 中国")
                #expect((three["value"] as? [String: Any])?["amount"] as? String == "0.500")

                let counts = try await db.run { c in
                    try c.query("SELECT (SELECT count(*) FROM projects), (SELECT count(*) FROM lenders)").first!.decode(Int.self, Int.self)
                }
                #expect(counts == (35, 9))
            }
        }
    }

    @Test("an export re-imported into an empty database gives the same portfolio")
    func roundTrip() async throws {
        try await TemporaryFolder.with { folder in
            try await withSampleDatabase { source, cli in
                try await Self.awkwardRates(cli)
                try await cli.succeed(["project", "import", try folder.write("awkward.csv", Self.awkwardCSV)])
                try await cli.succeed(Self.addArguments)
                let exported = try await cli.succeed(["project", "export"]).stdout
                let file = try folder.write("export.csv", exported)
                #expect(csvDataLines(exported).count >= 35)

                try await TestDatabase.with { empty in
                    let other = PortfolioCLI(empty)
                    await #expect(try jsonArray(other.succeed(["project", "list", "--format", "json"]).stdout).isEmpty)
                    try await Self.awkwardRates(other)
                    let imported = try await other.run(["project", "import", file])
                    expectSuccess(imported, "re-import")
                    #expect(imported.stdout.hasPrefix("imported 36 projects"), "\(imported.stdout)")
                    #expect(try await other.succeed(["project", "export"]).stdout == exported)
                    #expect(try await other.succeed(["project", "export", "--format", "json"]).stdout.count > 0)
                    for command in [["lender", "list", "--format", "csv"], ["sector", "list", "--format", "csv"]] {
                        #expect(try await other.succeed(command).stdout == (try await cli.succeed(command)).stdout, "\(command)")
                    }
                    let sourceNames = try await source.run { c in try c.query("SELECT name FROM projects ORDER BY code").map { try $0.decode(String.self, at: 0) } }
                    let copyNames = try await empty.run { c in try c.query("SELECT name FROM projects ORDER BY code").map { try $0.decode(String.self, at: 0) } }
                    #expect(sourceNames == copyNames)
                }
            }
        }
    }

    @Test("import --dry-run validates, reports, and writes nothing")
    func dryRun() async throws {
        try await TemporaryFolder.with { folder in
            try await withSampleDatabase { db, cli in
                let file = try folder.write("awkward.csv", Self.awkwardCSV)
                try await Self.awkwardRates(cli)
                let before = try await DatabaseFingerprint.capture(db)
                let dry = try await cli.run(["project", "import", file, "--dry-run"])
                expectSuccess(dry, "dry run")
                #expect(dry.stdout == "dry run: 3 rows valid; 3 projects would be imported; nothing written\n")
                #expect(try await DatabaseFingerprint.capture(db) == before)
                try await cli.succeed(["project", "import", file])
                let after = try await DatabaseFingerprint.capture(db)
                #expect(after != before, "the real import must change what the dry run did not")
                #expect(DatabaseFingerprint.rowCount(after, "projects") == 35)
            }
        }
    }

    @Test("names full of SQL are stored literally and shown back")
    func sqlInNames() async throws {
        try await withSampleDatabase { db, cli in
            let name = "Robert'); DROP TABLE projects;--"
            let location = "x' OR '1'='1"
            let description = "\"; DELETE FROM audit_log; -- $1 %s \\"
            let lender = "Bobby Tables' --"
            try await cli.succeed(["fx", "set", "EUR", "2020-01-01", "1.08"])
            let added = try await cli.run(["project", "add", "--code", "SQL-1", "--name", name, "--sector", "other", "--value", "1",
                                     "--currency", "EUR", "--lender", lender, "--location", location, "--description", description])
            expectSuccess(added, "add")
            let project = try await #require(try jsonObject(cli.succeed(["project", "show", "SQL-1", "--format", "json"]).stdout)["project"] as? [String: Any])
            #expect(project["name"] as? String == name)
            #expect(project["location"] as? String == location)
            #expect(project["description"] as? String == description)
            #expect((project["lenders"] as? [[String: Any]])?.first?["lender"] as? String == lender)
            let text = try await cli.succeed(["project", "show", "SQL-1"]).stdout
            #expect(shownField("name", in: text) == name)
            #expect(try await cli.succeed(["project", "list", "--lender", lender, "--format", "csv"]).stdout.contains("SQL-1,"))
            let stored = try await db.run { c in
                try c.query("SELECT (SELECT count(*) FROM projects), (SELECT count(*) FROM pg_tables WHERE schemaname = 'public'), (SELECT name FROM projects WHERE code = 'SQL-1')")
                    .first!.decode(Int.self, Int.self, String.self)
            }
            #expect(stored.0 == 33)
            #expect(stored.1 >= 10)
            #expect(stored.2 == name)
        }
    }
}

/// A `project list` filter and which sample rows it must return.
struct ListFilter: Sendable, CustomTestStringConvertible {
    let label: String
    let arguments: [String]
    let matches: @Sendable (SampleRow) -> Bool
    var testDescription: String { label }
}
