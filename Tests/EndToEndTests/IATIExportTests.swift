import Foundation
import Testing
import TestSupport

/// `export --format iati`: the sample as IATI 2.03, valid against the official schema and the
/// ruleset checks that apply, deterministic, and refused flags.
@Suite("export --format iati, end to end")
struct IATIExportTests {
    /// `../shared/real-data` beside the repository (or `PORTFOLIO_REAL_DATA`), when present.
    static let realData: String? = {
        let path = ProcessInfo.processInfo.environment["PORTFOLIO_REAL_DATA"]
            ?? PortfolioCLI.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/real-data").path
        return FileManager.default.fileExists(atPath: path + "/iati/iati-activities-schema.xsd") ? path : nil
    }()

    /// The IATI ruleset checks that apply to what the export writes, one message per breach:
    /// identifiers start with the reporting organisation's ref; per vocabulary, sector
    /// percentages add up to 100; planned start not after planned end; actual dates not after
    /// `today`; a currency on every value (its own, or the activity's default).
    static func rulesetBreaches(_ xml: String, orgRef: String, today: String) -> [String] {
        var breaches: [String] = []
        func attribute(_ name: String, in line: Substring) -> String? {
            guard let range = line.range(of: " \(name)=\"") else { return nil }
            let rest = line[range.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
        for block in xml.components(separatedBy: "<iati-activity ").dropFirst() {
            let lines = block.split(separator: "\n")
            let identifier = lines.first { $0.contains("<iati-identifier>") }.map { String($0) } ?? ""
            let name = identifier.replacingOccurrences(of: "<iati-identifier>", with: "").replacingOccurrences(of: "</iati-identifier>", with: "")
                .trimmingCharacters(in: .whitespaces)
            if !name.hasPrefix(orgRef + "-") { breaches.append("\(name): identifier does not start with \(orgRef)-") }
            var percentages: [String: Int] = [:]
            var dates: [String: String] = [:]
            let hasDefault = attribute("default-currency", in: lines.first ?? "") != nil
            for line in lines {
                if line.contains("<sector "), let vocabulary = attribute("vocabulary", in: line) {
                    percentages[vocabulary, default: 0] += Int(attribute("percentage", in: line) ?? "") ?? 0
                }
                if line.contains("<activity-date "), let type = attribute("type", in: line), let date = attribute("iso-date", in: line) {
                    dates[type] = date
                }
                if line.contains("<value "), attribute("currency", in: line) == nil, !hasDefault {
                    breaches.append("\(name): a value without a currency")
                }
            }
            for (vocabulary, sum) in percentages where sum != 100 {
                breaches.append("\(name): sector percentages of vocabulary \(vocabulary) add up to \(sum)")
            }
            if let start = dates["1"], let end = dates["3"], start > end { breaches.append("\(name): planned start after planned end") }
            for type in ["2", "4"] {
                if let date = dates[type], date > today { breaches.append("\(name): actual date \(date) (type \(type)) after today") }
            }
        }
        return breaches
    }

    @Test("the sample exports as IATI 2.03: valid against the official schema, the ruleset checks pass, the same bytes twice")
    func sample() async throws {
        try await withSampleDatabase { _, cli in
            let folder = try TemporaryFolder()
            let path = folder.path + "/sample.xml"
            let flags = ["--org-ref", "BY-GOV-1", "--org-name", "Ministry of Economy & Trade <test>", "--org-type", "10", "--country", "BY"]
            let written = try await cli.run(["export", "--format", "iati", "--output", path] + flags)
            #expect(written.status == 0 && written.stdout.isEmpty && written.stderr == "wrote \(path)\n", "\(written.summary)")
            let xml = try String(contentsOfFile: path, encoding: .utf8)
            let again = try await cli.succeed(["export", "--format", "iati"] + flags).stdout
            #expect(again == xml, "the same portfolio gives the same bytes")
            #expect(xml.components(separatedBy: "<iati-activity ").count - 1 == PortfolioCLI.sampleProjectCount)
            #expect(xml.contains("Ministry of Economy &amp; Trade &lt;test&gt;"))
            let today = String(ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC") ?? .current,
                                                          formatOptions: [.withFullDate]))
            #expect(Self.rulesetBreaches(xml, orgRef: "BY-GOV-1", today: today) == [])
            // Every transaction of the ledger is there, and each lender's part of every financed project.
            #expect(xml.components(separatedBy: "portfolio:type=\"share\"").count - 1 >= 30)
            #expect(xml.components(separatedBy: "<transaction ").count - 1
                    == xml.components(separatedBy: "portfolio:type=\"share\"").count - 1 + 145)
            // A cancellation is an outgoing commitment of the negative amount.
            #expect(xml.contains("<value currency=\"USD\" value-date=\"2026-10-18\">-2980000.00</value>"))

            guard let realData = Self.realData else {
                print("IATI schema validation SKIPPED: ../shared/real-data (or PORTFOLIO_REAL_DATA) is not present")
                return
            }
            let which = try await ExecutableRun.shell("command -v xmllint")
            guard which.status == 0 else {
                print("IATI schema validation SKIPPED: xmllint is not installed (Scripts/test.sh installs libxml2-utils as root)")
                return
            }
            let schema = realData + "/iati/iati-activities-schema.xsd"
            let valid = try await ExecutableRun.shell("xmllint --noout --schema '\(schema)' '\(path)'")
            #expect(valid.status == 0, "xmllint: \(valid.stderr.prefix(2000))")
            // The check is real: an activity without its required title is refused.
            let broken = folder.path + "/broken.xml"
            try xml.replacingOccurrences(of: "  <title>", with: "  <titel>").replacingOccurrences(of: "</title>", with: "</titel>")
                .write(toFile: broken, atomically: true, encoding: .utf8)
            let refused = try await ExecutableRun.shell("xmllint --noout --schema '\(schema)' '\(broken)'")
            #expect(refused.status != 0)
        }
    }

    @Test("--as-of exports the portfolio of that date; the settings come from the environment when no flag gives them")
    func asOfAndEnvironment() async throws {
        try await withSampleDatabase { _, cli in
            let early = try await cli.succeed(["export", "--format", "iati", "--as-of", "2013-01-01"],
                                              environment: ["PORTFOLIO_IATI_ORG_REF": "XM-OCHA-1", "PORTFOLIO_IATI_COUNTRY": "KZ"]).stdout
            let count = early.components(separatedBy: "<iati-activity ").count - 1
            #expect(count > 0 && count < PortfolioCLI.sampleProjectCount, "\(count) activities on 2013-01-01")
            #expect(early.contains("<iati-identifier>XM-OCHA-1-"))
            #expect(early.contains("<recipient-country code=\"KZ\" percentage=\"100\"/>"))
            #expect(!early.contains("value-date=\"2014-"), "no transaction dated after the export's date")
            #expect(Self.rulesetBreaches(early, orgRef: "XM-OCHA-1", today: "2013-01-01") == [])
        }
    }

    @Test("bad flags are refused with the contract's codes and nothing written", arguments: [
        (["export", "--format", "iati", "--all", "x"], Int32(64)),
        (["export"], Int32(64)),
        (["export", "--all", "x", "--country", "BY"], Int32(64)),
        (["export", "--format", "iati", "--org-type", "ten"], Int32(65)),
        (["export", "--format", "iati", "--org-ref", "has space"], Int32(65)),
        (["export", "--format", "iati", "--country", "Belarus"], Int32(65)),
        (["export", "--format", "iati", "--as-of", "2999-01-01"], Int32(65)),
        (["export", "--format", "xml"], Int32(64)),
    ])
    func refused(arguments: [String], status: Int32) async throws {
        try await TestDatabase.with { db in
            let run = try await PortfolioCLI(db).run(arguments)
            #expect(run.status == status, "\(arguments): \(run.summary)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)")
        }
    }
}
