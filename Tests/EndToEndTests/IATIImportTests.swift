import Foundation
import Testing
import TestSupport

/// `import --format iati`: an export comes back as it was; IATI's own files are taken or refused
/// with a reason, never half-imported; what cannot be taken is named by line.
@Suite("import --format iati, end to end")
struct IATIImportTests {
    /// Every `.xml` file under `folder`, sorted.
    static func files(under folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var found: [String] = []
        while let item = enumerator?.nextObject() as? String {
            if item.hasSuffix(".xml") { found.append(folder + "/" + item) }
        }
        return found.sorted()
    }

    static func projectCount(_ db: TestDatabase) async throws -> Int {
        try await db.run { c in try c.query("SELECT count(*) FROM projects").scalar(Int.self) }
    }

    @Test("the sample exported, imported into an empty database and exported again is byte-identical, and reports the same")
    func roundTrip() async throws {
        try await withSampleDatabase { _, cli in
            _ = try await cli.succeed(["tx", "add", "ILL-MF-09", "--type", "disbursement", "--lender", "Industrial and Commercial Bank of China",
                                       "--amount", "999,999,999", "--currency", "USD", "--date", "2025-01-02", "--force",
                                       "--note", "over the commitment & <forced>", "--ref", "RT-F1"])
            let folder = try TemporaryFolder()
            let path = folder.path + "/out.xml"
            _ = try await cli.succeed(["export", "--format", "iati", "--output", path])
            try await TestDatabase.with { empty in
                let other = PortfolioCLI(empty)
                let imported = try await other.succeed(["import", "--format", "iati", path]).stdout
                #expect(imported == "imported 32 projects and 146 transactions from \(path)\n")
                let again = try await other.succeed(["export", "--format", "iati"]).stdout
                #expect(again == (try String(contentsOfFile: path, encoding: .utf8)))
                for report in [["report", "sectors", "--format", "csv"], ["report", "financing", "--format", "csv"],
                               ["report", "statuses", "--format", "csv"]] {
                    #expect(try await other.succeed(report).stdout == (try await cli.succeed(report).stdout), "\(report)")
                }
                // A second import of the same file is refused whole: the codes are taken.
                let twice = try await other.run(["import", "--format", "iati", path])
                #expect(twice.status == 65)
                #expect(twice.stderr.contains("out.xml:3: "), "\(twice.stderr)")
                #expect(try await Self.projectCount(empty) == 32)
            }
        }
    }

    @Test("every activity that cannot be taken is named by file and line, and nothing is imported")
    func refusals() async throws {
        try await TestDatabase.with { db in
            let folder = try TemporaryFolder()
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <iati-activities version="2.03">
                 <iati-activity default-currency="USD">
                  <iati-identifier>XM-1-A1</iati-identifier>
                  <reporting-org ref="XM-1" type="10"><narrative>Org</narrative></reporting-org>
                  <title><narrative>Good road</narrative></title>
                  <description><narrative>A road.</narrative></description>
                  <participating-org role="1"><narrative>Bank of China</narrative></participating-org>
                  <activity-status code="2"/>
                  <activity-date type="1" iso-date="2020-01-01"/>
                  <sector vocabulary="2" code="210"/>
                  <transaction><transaction-type code="2"/><transaction-date iso-date="2020-02-01"/>
                   <value currency="USD" value-date="2020-02-01">1000.00</value></transaction>
                  <transaction><transaction-type code="3"/><transaction-date iso-date="2021-02-01"/>
                   <value currency="USD" value-date="2021-02-01">400.00</value></transaction>
                  <transaction><transaction-type code="1"/><transaction-date iso-date="2021-02-01"/>
                   <value currency="USD" value-date="2021-02-01">5.00</value></transaction>
                 </iati-activity>
                 <iati-activity default-currency="USD">
                  <iati-identifier>XM-1-B2</iati-identifier>
                  <title><narrative>School</narrative></title>
                  <participating-org role="1"><narrative>Bank of China</narrative></participating-org>
                  <activity-status code="9"/>
                  <sector vocabulary="2" code="999"/>
                  <transaction><transaction-type code="2"/><transaction-date iso-date="2020-02-01"/>
                   <value currency="USD" value-date="2020-02-01">10.001</value></transaction>
                 </iati-activity>
                </iati-activities>
                """
            let path = try folder.write("two.xml", Data(xml.utf8))
            let cli = PortfolioCLI(db)
            let refused = try await cli.run(["import", "--format", "iati", path])
            #expect(refused.status == 65)
            #expect(refused.stderr.contains("two.xml:23: activity-status: code 9 is not an IATI ActivityStatus"), "\(refused.stderr)")
            #expect(refused.stderr.contains("two.xml:24: sector: DAC 999 is not in the OECD DAC 3-digit codelist"), "\(refused.stderr)")
            #expect(refused.stderr.contains("two.xml:25: value: \"10.001\" has 3 decimals; USD allows 2"), "\(refused.stderr)")
            #expect(refused.stderr.hasSuffix("nothing was imported\n"), "\(refused.stderr)")
            #expect(try await Self.projectCount(db) == 0)
            // The good activity alone imports: code without the reporting org's ref, one lender,
            // the commitment as value, the disbursement to the ledger, the incoming funds left out.
            let good = try folder.write("one.xml", Data((xml.components(separatedBy: " <iati-activity default-currency=\"USD\">\n  <iati-identifier>XM-1-B2")[0]
                + "</iati-activities>\n").utf8))
            let imported = try await cli.succeed(["import", "--format", "iati", good]).stdout
            #expect(imported == "imported 1 projects and 1 transactions from \(good) (1 transactions of other types left out)\n")
            let financing = try await cli.succeed(["report", "financing", "--format", "csv"]).stdout
            #expect(financing.contains("Bank of China,1,1000.00,400.00,600.00"), "the commitment is the value, not counted twice: \(financing)")
            let shown = try await cli.succeed(["project", "show", "A1"]).stdout
            #expect(shown.contains("logistics") && shown.contains("1,000.00") && shown.contains("Bank of China"), "\(shown)")
        }
    }

    @Test("not an IATI file, not well-formed, or a DTD: refused with the line, nothing imported", arguments: [
        ("<html/>", "the root is <html>"),
        ("<iati-activities version=\"2.03\"><iati-activity>", "ends inside"),
        ("<!DOCTYPE x [<!ENTITY a \"b\">]><iati-activities version=\"2.03\"/>", "document type declarations are not accepted"),
        ("<iati-activities version=\"2.03\"></iati-activities>", "no iati-activity in the file"),
    ])
    func notIATI(text: String, message: String) async throws {
        try await TestDatabase.with { db in
            let folder = try TemporaryFolder()
            let path = try folder.write("bad.xml", Data(text.utf8))
            let run = try await PortfolioCLI(db).run(["import", "--format", "iati", path])
            #expect(run.status == 65, "\(run.summary)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("IATI's annotated example and should-pass files import or are refused with a reason; every should-fail file is refused")
    func realFiles() async throws {
        guard let realData = IATIExportTests.realData else {
            print("IATI real files SKIPPED: ../shared/real-data (or PORTFOLIO_REAL_DATA) is not present")
            return
        }
        let iati = realData + "/iati"
        let pass = Self.files(under: iati + "/tests/activity-tests/should-pass") + [iati + "/activity-standard-example-annotated.xml"]
        let fail = Self.files(under: iati + "/tests/activity-tests/should-fail")
        #expect(pass.count > 40 && fail.count > 40, "\(pass.count) should-pass, \(fail.count) should-fail")
        try await TestDatabase.with { db in
            let cli = PortfolioCLI(db)
            for file in pass {
                let run = try await cli.run(["import", "--format", "iati", file])
                let reason = run.stderr.split(separator: "\n").last.map(String.init) ?? ""
                #expect(run.status == 0 || (run.status == 65 && reason.contains(file + ":")), "\(file): \(run.summary)")
                if run.status != 0 { #expect(try await Self.projectCount(db) == 0, "\(file) was half-imported") }
                _ = try await db.run { c in try c.execute(script: "TRUNCATE projects CASCADE") }
            }
            for file in fail {
                let run = try await cli.run(["import", "--format", "iati", file])
                #expect(run.status == 65, "\(file) was not refused: \(run.summary)")
                #expect(try await Self.projectCount(db) == 0, "\(file) was half-imported")
            }
            // The annotated example is refused for what it is: an activity with no outgoing
            // commitment to value it (its education sector, DAC 111, groups into other).
            let example = try await cli.run(["import", "--format", "iati", iati + "/activity-standard-example-annotated.xml"])
            #expect(example.stderr.contains("activity-standard-example-annotated.xml:8: value: no commitment (transaction type 2) gives the activity's value"),
                    "\(example.stderr)")
            #expect(!example.stderr.contains("sector:"), "\(example.stderr)")
        }
    }
}
