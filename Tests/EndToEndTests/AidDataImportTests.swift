import Foundation
import Testing
import TestSupport

/// `import --format aiddata`: AidData's GCDF 3.0 CSV as published becomes projects whose report
/// totals equal an independent aggregation of the same file, to the cent.
@Suite("import --format aiddata, end to end")
struct AidDataImportTests {
    static var extract: String? {
        IATIExportTests.realData.map { $0 + "/aiddata/gcdf3-ports-extract.csv" }.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
    }

    /// AidData's own rule, computed apart from the tracker: the records recommended for
    /// aggregates (all of them with `all`), each amount rounded to the cent half away from zero,
    /// summed per DAC sector code (`dac`), per seeded sector the code groups into (`grouped`),
    /// and per status, as `KEY,AMOUNT` lines.
    static let independentSums = #"""
        import csv, sys
        from decimal import Decimal, ROUND_HALF_UP
        from collections import defaultdict
        path, column, mode, everything = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "all"
        def grouped(code):
            if code in ("230", "231", "232", "233", "234", "235", "236"): return "energy"
            if code in ("310", "311", "312", "313"): return "agriculture"
            if code in ("320", "321"): return "manufacturing"
            if code == "210": return "logistics"
            return "other"
        statuses = {"pipeline: pledge": "pledged", "pipeline: commitment": "committed", "implementation": "ongoing",
                    "completion": "finished", "suspended": "suspended", "cancelled": "cancelled"}
        sums = defaultdict(Decimal)
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                if not everything and row["Recommended For Aggregates"].strip() != "Yes": continue
                text = row[column].strip()
                amount = Decimal(text).quantize(Decimal("0.01"), ROUND_HALF_UP) if text else Decimal("0.00")
                code = row["Sector Code"].strip() or "998"
                if code.endswith(".0"): code = code[:-2]
                sums["sector:" + ("dac-" + code if mode == "dac" else grouped(code))] += amount
                sums["status:" + statuses[row["Status"].strip().lower()]] += amount
                sums["total"] += amount
        for key in sorted(sums): print(f"{key},{sums[key]:.2f}")
        """#

    static func independent(_ file: String, column: String, mode: String, all: Bool = false) async throws -> [String: String] {
        let folder = try TemporaryFolder()
        let script = try folder.write("sums.py", Data(independentSums.utf8))
        let run = try await ExecutableRun.shell("python3 '\(script)' '\(file)' '\(column)' '\(mode)' '\(all ? "all" : "recommended")'")
        #expect(run.status == 0, "\(run.stderr)")
        return Dictionary(run.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: ",")
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }, uniquingKeysWith: { first, _ in first })
    }

    /// The tracker's totals: `report sectors` and `report statuses` as CSV, value column.
    static func reported(_ cli: PortfolioCLI, _ extra: [String] = []) async throws -> [String: String] {
        var sums: [String: String] = [:]
        for (kind, prefix) in [("sectors", "sector:"), ("statuses", "status:")] {
            let csv = try await cli.succeed(["report", kind, "--format", "csv"] + extra).stdout
            for line in csv.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard fields.count > 2 else { continue }
                if fields[0] == "total" { sums["total"] = fields[2] } else { sums[prefix + fields[0]] = fields[2] }
            }
        }
        return sums
    }

    @Test("the shared GCDF extract imports, and its totals by sector and status equal AidData's rule computed apart, to the cent",
          arguments: [("grouped", "nominal-usd", "Amount (Nominal USD)"), ("dac", "nominal-usd", "Amount (Nominal USD)"),
                      ("grouped", "constant-usd-2021", "Amount (Constant USD 2021)")])
    func reconciles(sectors: String, amount: String, column: String) async throws {
        guard let extract = Self.extract else {
            print("AidData reconciliation SKIPPED: ../shared/real-data/aiddata (or PORTFOLIO_REAL_DATA) is not present")
            return
        }
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            let imported = try await cli.succeed(["import", "--format", "aiddata", extract, "--sectors", sectors, "--amount", amount]).stdout
            #expect(imported.hasPrefix("imported 20 projects from \(extract)"), "\(imported)")
            let expected = try await Self.independent(extract, column: column, mode: sectors)
            #expect(expected["total"] != nil && expected.count > 4, "\(expected)")
            let reported = try await Self.reported(cli)
            #expect(reported == expected)
            // The same figures rebuilt from history, as of a date after every commitment.
            #expect(try await Self.reported(cli, ["--as-of", "2026-01-01"]) == expected)
        }
    }

    static let header = ["AidData Record ID", "Recommended For Aggregates", "Recipient", "Recipient ISO-3", "Title", "Description",
                         "Status", "Sector Code", "Sector Name", "Funding Agencies", "Co-financing Agencies", "Amount (Nominal USD)",
                         "Amount (Constant USD 2021)", "Commitment Date (MM/DD/YYYY)", "Commitment Year"]

    /// A small file in GCDF 3.0's form: a byte order mark, quoted multi-line fields, `|` lists,
    /// a record not recommended for aggregates.
    static func smallFile(_ folder: TemporaryFolder, extra: [String] = []) throws -> String {
        let rows = [
            #"1001,Yes,Belarus,BLR,Power plant,"A plant."#,
            #"""two, lines""",Implementation,232,ENERGY GENERATION,China Development Bank|Export-Import Bank of China (China Eximbank),"#
                + #"KfW,1000000.005,1200000.4,2015-06-01,2015"#,
            #"1002,No,Belarus,BLR,Umbrella line,,Pipeline: Commitment,210,TRANSPORT,China Development Bank,,5000000,6000000,06/02/2016,2016"#,
            #"1003,Yes,Belarus,BLR,"Road, phase 2",,Cancelled,210,TRANSPORT,Export-Import Bank of China (China Eximbank),,250.5,300,2017-01-02,2017"#,
            #"1004,Yes,Serbia,SRB,Bridge,,Completion,210,TRANSPORT,China Development Bank,,100,120,2018-01-02,2018"#,
        ] + extra
        let text = "\u{FEFF}" + header.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\r\n" + rows.joined(separator: "\r\n") + "\r\n"
        return try folder.write("gcdf.csv", Data(text.utf8))
    }

    @Test("a record not recommended for aggregates is kept and shown, but no report or rollup counts it unless asked; shares are flagged estimated")
    func aggregatesFlag() async throws {
        try await TestDatabase.with { db in
            let folder = try TemporaryFolder()
            let path = try Self.smallFile(folder)
            let cli = PortfolioCLI(db)
            let imported = try await cli.succeed(["import", "--format", "aiddata", path, "--recipient", "blr"]).stdout
            #expect(imported == "imported 3 projects from \(path) (1 not recommended for aggregates, left out of reports; "
                    + "1 with estimated lender shares; 1 records of other recipients skipped)\n")
            let sums = try await Self.reported(cli)
            #expect(sums["total"] == "1000250.51", "\(sums)")
            #expect(sums["sector:logistics"] == "250.50" && sums["sector:energy"] == "1000000.01", "\(sums)")
            #expect(try await Self.independent(path, column: "Amount (Nominal USD)", mode: "grouped")["total"] == "1000350.51",
                    "the independent rule counts Serbia, which this import left out")
            let list = try await cli.succeed(["project", "list", "--format", "csv"]).stdout
            #expect(list.contains("1002") && !list.contains("1004"), "\(list)")
            let shown = try await cli.succeed(["project", "show", "1002"]).stdout
            #expect(shown.contains("left out: the source does not recommend the record for aggregates"), "\(shown)")
            let plant = try await cli.succeed(["project", "show", "1001"]).stdout
            #expect(plant.contains("A plant. \"two, lines\""), "the quoted line break folds into a space: \(plant)")
            #expect(plant.contains("estimated: equal parts") && plant.contains("50%") && plant.contains("co-financiers  KfW"), "\(plant)")
            _ = try await cli.succeed(["rollup", "run"])
            let worker = try await ExecutableRun.run("portfolio-worker", ["--once", "--http-address", "off"], environment: cli.environment)
            #expect(worker.status == 0, "\(worker.summary)")
            let snapshots = try await cli.succeed(["rollup", "list", "--format", "csv"]).stdout
            let taken = snapshots.split(separator: "\n").dropFirst()
            #expect(!taken.isEmpty && taken.allSatisfy { $0.contains(",2,1000250.51,") }, "every snapshot counts the 2 recommended: \(snapshots)")
            let before = try await cli.succeed(["report", "financing", "--format", "csv"]).stdout
            let tx = try await cli.run(["tx", "add", "1002", "--type", "disbursement", "--lender", "China Development Bank",
                                        "--amount", "10", "--currency", "USD", "--date", "2016-07-01"])
            #expect(tx.status == 0, "\(tx.summary)")
            let after = try await cli.succeed(["report", "financing", "--format", "csv"]).stdout
            #expect(after == before,
                    "a transaction of a project out of aggregates is in no report")
        }
        try await TestDatabase.with { db in
            let folder = try TemporaryFolder()
            let path = try Self.smallFile(folder)
            let cli = PortfolioCLI(db)
            _ = try await cli.succeed(["import", "--format", "aiddata", path, "--include-not-recommended"])
            let expected = try await Self.independent(path, column: "Amount (Nominal USD)", mode: "grouped", all: true)
            #expect(try await Self.reported(cli) == expected)
        }
    }

    @Test("bad records are refused by line with every reason, and nothing is imported", arguments: [
        (#"1005,Yes,Belarus,BLR,X,,Finished,210,T,Bank,,1,1,2018-01-02,2018"#, "gcdf.csv:7: Status: \"Finished\" is not an AidData status"),
        (#"1005,Yes,Belarus,BLR,X,,Completion,21,T,Bank,,1,1,2018-01-02,2018"#, "gcdf.csv:7: Sector Code: \"21\""),
        (#"1005,Yes,Belarus,BLR,X,,Completion,210,T,,,1,1,2018-01-02,2018"#, "gcdf.csv:7: Funding Agencies: empty"),
        (#"1005,Yes,Belarus,BLR,X,,Completion,210,T,Bank,,1e,1,2018-01-02,2018"#, "gcdf.csv:7: Amount (Nominal USD):"),
        (#"1005,Yes,Belarus,BLR,X,,Completion,210,T,Bank,,1,1,2018-02-30,2018"#, "gcdf.csv:7: Commitment Date (MM/DD/YYYY):"),
        (#"1001,Yes,Belarus,BLR,X,,Completion,210,T,Bank,,1,1,2018-01-02,2018"#, "gcdf.csv:7: record 1001 is in the file twice (first on line 2)"),
        (#"1005,Yes,Belarus,BLR,X,,Completion,210,T,Bank,,1,1"#, "gcdf.csv:7: 13 fields, but the header has 15"),
        (#"1005,Yes,Belarus,BLR,"X"#, "gcdf.csv:7:"),
    ])
    func refused(row: String, message: String) async throws {
        try await TestDatabase.with { db in
            let folder = try TemporaryFolder()
            let path = try Self.smallFile(folder, extra: [row])
            let run = try await PortfolioCLI(db).run(["import", "--format", "aiddata", path])
            #expect(run.status == 65, "\(run.summary)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
            #expect(run.stderr.hasSuffix("nothing was imported\n"), "\(run.stderr)")
            #expect(try await IATIImportTests.projectCount(db) == 0)
        }
    }

    @Test("files that are not GCDF 3.0, a recipient with no record, a project already there: refused, nothing imported")
    func refusedFiles() async throws {
        try await TestDatabase.with { db in
            let folder = try TemporaryFolder()
            let cli = PortfolioCLI(db)
            let other = try folder.write("other.csv", Data("code,name\nA,B\n".utf8))
            let notGCDF = try await cli.run(["import", "--format", "aiddata", other])
            #expect(notGCDF.status == 65 && notGCDF.stderr.contains("other.csv:1: not an AidData GCDF 3.0 file"), "\(notGCDF.summary)")
            let empty = try folder.write("empty.csv", Data())
            #expect(try await cli.run(["import", "--format", "aiddata", empty]).stderr.contains("the file is empty"))
            let missing = try await cli.run(["import", "--format", "aiddata", folder.path + "/none.csv"])
            #expect(missing.status == 66, "\(missing.summary)")
            let path = try Self.smallFile(folder)
            let nobody = try await cli.run(["import", "--format", "aiddata", path, "--recipient", "Belarus "])
            #expect(nobody.status == 0, "a recipient is matched trimmed and regardless of case: \(nobody.summary)")
            let again = try await cli.run(["import", "--format", "aiddata", path, "--recipient", "Serbia"])
            #expect(again.status == 0, "\(again.summary)")
            let twice = try await cli.run(["import", "--format", "aiddata", path])
            #expect(twice.status == 65 && twice.stderr.contains("gcdf.csv:2:") && twice.stderr.contains("1001"), "\(twice.summary)")
            let wrong = try await cli.run(["import", "--format", "aiddata", path, "--recipient", "Atlantis"])
            #expect(wrong.status == 65 && wrong.stderr.contains("no record has the recipient \"Atlantis\" (the file's recipients include Belarus, Serbia)"),
                    "\(wrong.summary)")
            #expect(try await IATIImportTests.projectCount(db) == 4)
            let flags = try await cli.run(["import", "--format", "iati", path, "--recipient", "Belarus"])
            #expect(flags.status == 64, "\(flags.summary)")
        }
    }

    @Test("the DAC codelist loads as reference data; a code mapped to another sector files an import there; a bad codelist file is refused")
    func dacCodelist() async throws {
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            #expect(try await cli.succeed(["sector", "load-dac"]).stdout == "loaded 52 DAC sector codes (52 added, 0 updated)\n")
            #expect(try await cli.succeed(["sector", "load-dac"]).stdout == "loaded 52 DAC sector codes (0 added, 52 updated)\n")
            let listed = try await cli.succeed(["sector", "dac", "--format", "csv"]).stdout
            #expect(listed.contains("210,Transport & Storage,no,logistics") && listed.contains("230,ENERGY GENERATION AND SUPPLY,yes,energy"), "\(listed)")
            _ = try await cli.succeed(["sector", "add", "power", "Power", "--dac", "232"])
            #expect(try await cli.succeed(["sector", "map-dac", "232", "power"]).stdout == "DAC 232 now groups into power\n")
            #expect(try await cli.run(["sector", "map-dac", "999", "power"]).status == 65)
            #expect(try await cli.run(["sector", "map-dac", "232", "nowhere"]).status == 65)
            let folder = try TemporaryFolder()
            _ = try await cli.succeed(["import", "--format", "aiddata", try Self.smallFile(folder)])
            let shown = try await cli.succeed(["project", "show", "1001"]).stdout
            #expect(shown.contains("sector         power"), "\(shown)")
            let bad = try folder.write("codes.xml", Data("<codelist>\n<codelist-item><code>1</code></codelist-item></codelist>".utf8))
            let refused = try await cli.run(["sector", "load-dac", "--file", bad])
            #expect(refused.status == 65 && refused.stderr.contains("codes.xml:2: codelist-item:"), "\(refused.summary)")
            if let realData = IATIExportTests.realData {
                let published = try await cli.succeed(["sector", "load-dac", "--file", realData + "/iati/codelists/SectorCategory.xml"]).stdout
                #expect(published == "loaded 44 DAC sector codes (0 added, 44 updated)\n")
            } else {
                print("DAC codelist file load SKIPPED: ../shared/real-data is not present")
            }
        }
    }

    @Test("the extract exported as IATI validates against the official schema and the ruleset checks, and comes back byte-identical")
    func iatiExport() async throws {
        guard let extract = Self.extract, let realData = IATIExportTests.realData else {
            print("AidData IATI export SKIPPED: ../shared/real-data (or PORTFOLIO_REAL_DATA) is not present")
            return
        }
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            let folder = try TemporaryFolder()
            // One record out of aggregates, so the flag travels too.
            let text = try String(contentsOfFile: extract, encoding: .utf8)
            let changed = try folder.write("extract.csv", Data(text.replacingOccurrences(of: "\n89653,Yes,", with: "\n89653,No,").utf8))
            _ = try await cli.succeed(["import", "--format", "aiddata", changed, "--sectors", "dac"])
            let flags = ["--org-ref", "BY-GOV-1", "--org-name", "Ministry of Economy", "--org-type", "10"]
            let path = folder.path + "/aiddata.xml"
            _ = try await cli.succeed(["export", "--format", "iati", "--output", path] + flags)
            let xml = try String(contentsOfFile: path, encoding: .utf8)
            #expect(xml.contains("<sector vocabulary=\"2\" code=\"320\" percentage=\"100\"/>"))
            #expect(xml.components(separatedBy: "portfolio:aggregates=\"false\"").count == 2)
            let today = String(ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC") ?? .current,
                                                          formatOptions: [.withFullDate]))
            #expect(IATIExportTests.rulesetBreaches(xml, orgRef: "BY-GOV-1", today: today) == [])
            if try await ExecutableRun.shell("command -v xmllint").status == 0 {
                let valid = try await ExecutableRun.shell("xmllint --noout --schema '\(realData)/iati/iati-activities-schema.xsd' '\(path)'")
                #expect(valid.status == 0, "xmllint: \(valid.stderr.prefix(2000))")
            } else {
                print("AidData IATI schema validation SKIPPED: xmllint is not installed")
            }
            try await TestDatabase.with { empty in
                let other = PortfolioCLI(empty)
                _ = try await other.succeed(["import", "--format", "iati", path, "--sectors", "dac"])
                #expect(try await other.succeed(["export", "--format", "iati"] + flags).stdout == xml)
                #expect(try await Self.reported(other) == (try await Self.reported(cli)))
            }
        }
    }
}
