import Foundation
import PortfolioCore
import Testing
import TestSupport

/// Bad CSV files: every bad row is reported as `error: FILE:LINE: message`, the last line
/// summarises, the exit status is 65 and nothing is written.
@Suite("bad import files are reported row by row and change nothing, end to end")
struct BadImportFileTests {
    @Test("project import refuses", arguments: BadFiles.projectImports)
    func projectImport(_ bad: BadInput) async throws { try await bad.check() }

    @Test("fx import and sample load refuse", arguments: BadFiles.otherImports)
    func otherImports(_ bad: BadInput) async throws { try await bad.check() }

    @Test("status import refuses rows the worker would refuse, and repeated keys", arguments: BadFiles.statusImports)
    func statusImport(_ bad: BadInput) async throws { try await bad.check() }
}

/// CSV text for the import tests.
enum CSVText {
    static let header = "code,name,sector,status,value,currency,value_date,lenders,start_date,end_date,location"

    /// One valid row, with fields replaced as given (already CSV-encoded).
    static func row(
        _ code: String, name: String = "Test Plant", sector: String = "energy", status: String = "pledged",
        value: String = "1000000.00", currency: String = "USD", valueDate: String = "2024-01-02",
        lenders: String = "China Development Bank=100", start: String = "", end: String = "", location: String = "Minsk"
    ) -> String {
        [code, name, sector, status, value, currency, valueDate, lenders, start, end, location].joined(separator: ",")
    }

    /// Lines joined with LF and a final LF.
    static func file(_ lines: [String]) -> Data {
        Data((lines.joined(separator: "\n") + "\n").utf8)
    }
}

enum BadFiles {
    typealias R = CSVText

    static func importCase(
        _ label: String, _ data: Data, problems: Int?, lines: [Int], dryRun: Bool = false, mentions: [String] = [],
        avoidLines: [Int] = []
    ) -> BadInput {
        BadInput(
            label: "project import: " + label,
            arguments: ["project", "import", "$DIR/in.csv"] + (dryRun ? ["--dry-run"] : []),
            status: .dataError, report: .fileImport(problems: problems), files: ["in.csv": data],
            mentions: lines.map { "error: $DIR/in.csv:\($0): " } + mentions,
            avoids: avoidLines.map { "$DIR/in.csv:\($0):" })
    }

    /// A file whose bad rows are spread out, with valid rows (one spanning two lines) between:
    /// lines 3, 5, 6, 7, 8, 11 and 12 are bad, each with exactly one problem.
    static let severalBadRows = R.file([
        R.header,                                                                   // 1
        R.row("NEW-01"),                                                            // 2 ok
        R.row("NEW-02", value: "NaN"),                                              // 3 bad value
        R.row("NEW-03", name: "\"Plant \"\"Alpha\"\", Unit 1\""),                   // 4 ok: quotes and a comma
        R.row("NEW-04", sector: "mining"),                                          // 5 unknown sector
        R.row("NEW-01", name: "Again"),                                             // 6 code repeats line 2
        R.row("ILL-EN-01"),                                                         // 7 code in the database
        R.row("NEW-05", lenders: "China Development Bank=60;Bank of China=30"),     // 8 shares 90%
        R.row("NEW-06", location: "\"Brest,\n\""),                                // 9-10 ok: comma and line break, trimmed
        R.row("NEW-07", valueDate: "2026-02-30"),                                   // 11 impossible date
        R.row("NEW-08", start: "2026-01-01", end: "2025-01-01"),                    // 12 end before start
        R.row("NEW-09"),                                                            // 13 ok
    ])

    static let megabyteLine: Data = {
        let big = String(repeating: "A", count: 1 << 20)
        return R.file([R.header, R.row("NEW-01", name: big), R.row("NEW-02", value: "1e9"), R.row("NEW-03")])
    }()

    static let invalidUTF8: Data = {
        var data = Data((R.header + "\n" + R.row("NEW-01") + "\n").utf8)
        data.append(Data("NEW-02,Bad ".utf8))
        data.append(contentsOf: [0xFF, 0xFE, 0xC3, 0x28])
        data.append(Data((" Bytes,energy,pledged,1000.00,USD,2024-01-02,China Development Bank=100,,,Minsk\n").utf8))
        return data
    }()

    static let projectImports: [BadInput] = [
        importCase("several bad rows, all reported with their lines", severalBadRows, problems: 7, lines: [3, 5, 6, 7, 8, 11, 12],
                   mentions: ["NaN", "mining", "line 2", "ILL-EN-01", "2026-02-30"], avoidLines: [1, 2, 4, 9, 10, 13]),
        importCase("several bad rows, --dry-run", severalBadRows, problems: 7, lines: [3, 5, 6, 7, 8, 11, 12], dryRun: true),
        importCase("unterminated quote", R.file([R.header, R.row("NEW-01"), "NEW-02,\"Open Quote Plant,energy,pledged,1,USD,2024-01-02,A=100,,,X"]),
                   problems: 1, lines: [3]),
        importCase("quote inside an unquoted field, then a good row", R.file([R.header, R.row("NEW-01", name: "Pla\"nt"), R.row("NEW-02")]),
                   problems: 1, lines: [2]),
        importCase("text after a closing quote", R.file([R.header, R.row("NEW-01", name: "\"Plant\" B"), R.row("NEW-02")]),
                   problems: 1, lines: [2]),
        importCase("invalid UTF-8 bytes", invalidUTF8, problems: 1, lines: [3], mentions: ["UTF-8"]),
        importCase("a 1 MB line, then a bad row", megabyteLine, problems: 2, lines: [2, 3]),
        importCase("header lacks the lenders column",
                   R.file([R.header.replacingOccurrences(of: ",lenders", with: ""), "NEW-01,P,energy,pledged,1,USD,2024-01-02,,,X"]),
                   problems: nil, lines: [1], mentions: ["lenders"]),
        importCase("header has an unknown column", R.file([R.header + ",colour", R.row("NEW-01") + ",red"]),
                   problems: nil, lines: [1], mentions: ["colour"]),
        importCase("header repeats a column", R.file([R.header + ",name", R.row("NEW-01") + ",Again"]),
                   problems: nil, lines: [1], mentions: ["more than once"]),
        importCase("duplicate code within the file", R.file([R.header, R.row("NEW-01"), R.row("NEW-02"), R.row("NEW-01")]),
                   problems: 1, lines: [4], mentions: ["line 2"], avoidLines: [2, 3]),
        importCase("code already in the database", R.file([R.header, R.row("NEW-01"), R.row("ILL-EN-02")]),
                   problems: 1, lines: [3], mentions: ["ILL-EN-02"]),
        importCase("SQL metacharacters in code, sector and value",
                   R.file([R.header, R.row("X';DROP-TABLE"), R.row("NEW-02", sector: "\"energy'); DROP TABLE sectors;--\""),
                           R.row("NEW-03", value: "\"1; DELETE FROM projects\"")]),
                   problems: 3, lines: [2, 3, 4]),
        importCase("a row with too few fields", R.file([R.header, R.row("NEW-01"), "NEW-02,Short Row,energy"]),
                   problems: 1, lines: [3], mentions: ["3 fields"]),
        importCase("a row with too many fields", R.file([R.header, R.row("NEW-01") + ",extra"]),
                   problems: 1, lines: [2]),
        importCase("a name with a line break inside, then a bad row",
                   R.file([R.header, R.row("NEW-01", name: "\"Two\nLines\""), R.row("NEW-02", currency: "XYZ")]),
                   problems: 2, lines: [2, 4]),
        importCase("an empty file", Data(), problems: 1, lines: [1], mentions: ["empty"]),
        importCase("negative and oversized values",
                   R.file([R.header, R.row("NEW-01", value: "-5"), R.row("NEW-02", value: "99999999999999999999")]),
                   problems: 2, lines: [2, 3]),
        importCase("same lender twice in one project",
                   R.file([R.header, R.row("NEW-01", lenders: "Bank of China=50;bank of china=50")]),
                   problems: 1, lines: [2], mentions: ["more than once"]),
        BadInput(label: "project import: a file name holding a line break, two bad rows",
                 arguments: ["project", "import", "$DIR/two\nlines.csv"], status: .dataError, report: .fileImport(problems: 2),
                 files: ["two\nlines.csv": R.file([R.header, R.row("NEW-01", value: "NaN"), R.row("NEW-02", value: "1e9")])],
                 mentions: [":2: ", ":3: "]),
        importCase("an unknown status", R.file([R.header, R.row("NEW-01", status: "done")]), problems: 1, lines: [2]),
    ]

    static let otherImports: [BadInput] = [
        BadInput(label: "fx import: three bad rows of five", arguments: ["fx", "import", "$DIR/rates.csv"], status: .dataError,
                 report: .fileImport(problems: 3),
                 files: ["rates.csv": R.file(["currency,date,rate", "CNY,2024-01-02,0.14", "XXX,2024-01-02,0.14",
                                              "EUR,2024-02-30,1.08", "GBP,2024-01-02,1.27", "CNY,2024-01-03,0"])],
                 mentions: ["error: $DIR/rates.csv:3: ", "error: $DIR/rates.csv:4: ", "error: $DIR/rates.csv:6: "],
                 avoids: ["rates.csv:2:", "rates.csv:5:"]),
        BadInput(label: "fx import: unknown header column", arguments: ["fx", "import", "$DIR/rates.csv"], status: .dataError,
                 report: .fileImport(problems: 1),
                 files: ["rates.csv": R.file(["currency,date,rate,colour", "CNY,2024-01-02,0.14,red"])],
                 mentions: ["error: $DIR/rates.csv:1: "]),
        BadInput(label: "fx import: an empty file", arguments: ["fx", "import", "$DIR/rates.csv"], status: .dataError,
                 report: .fileImport(problems: 1), files: ["rates.csv": Data()], mentions: ["$DIR/rates.csv:1: "]),
        BadInput(label: "fx import: one currency and date twice", arguments: ["fx", "import", "$DIR/rates.csv"], status: .dataError,
                 report: .fileImport(problems: 2),
                 files: ["rates.csv": R.file(["currency,date,rate", "CNY,2024-01-02,0.14", "EUR,2024-01-02,1.08",
                                              "CNY,2024-01-02,0.15", "CNY,2024-01-03,0.15", "CNY,2024-01-02,0.14"])],
                 mentions: ["error: $DIR/rates.csv:4: a rate for CNY/USD on 2024-01-02 appears again (first on line 2)",
                            "error: $DIR/rates.csv:6: a rate for CNY/USD on 2024-01-02 appears again (first on line 2)"],
                 avoids: ["rates.csv:2:", "rates.csv:3:", "rates.csv:5:"]),
        BadInput(label: "fx import: the default quote written out is the same rate", arguments: ["fx", "import", "$DIR/rates.csv"],
                 status: .dataError, report: .fileImport(problems: 1),
                 files: ["rates.csv": R.file(["currency,date,rate,quote", "CNY,2024-01-02,0.14,", "CNY,2024-01-02,0.14,USD",
                                              "CNY,2024-01-02,0.13,EUR"])],
                 mentions: ["error: $DIR/rates.csv:3: a rate for CNY/USD on 2024-01-02 appears again (first on line 2)"]),
        BadInput(label: "fx import: rates the column would round or cannot hold", arguments: ["fx", "import", "$DIR/rates.csv"],
                 status: .dataError, report: .fileImport(problems: 6),
                 files: ["rates.csv": R.file(["currency,date,rate", "CNY,2024-01-02,0.1408000000001", "CNY,2024-01-03,0.0000000000006",
                                              "CNY,2024-01-04,1000000000000000000", "CNY,2024-01-05,+0.14", "CNY,2024-01-06,1.4e-1",
                                              "CNY,2024-01-07,-0", "CNY,2024-01-08,0.140800000001"])],
                 mentions: ["rates.csv:2: rate: rate \"0.1408000000001\" has 13 decimals; an FX rate may have at most 12",
                            "rates.csv:3: ", "rates.csv:4: rate: rate \"1000000000000000000\" is more than 1000000, the largest rate",
                            "rates.csv:5: ", "rates.csv:6: ", "rates.csv:7: "],
                 avoids: ["rates.csv:8:"]),
        BadInput(label: "sample load --file with a bad row", arguments: ["sample", "load", "--file", "$DIR/in.csv"], status: .dataError,
                 report: .fileImport(problems: 1), files: ["in.csv": R.file([R.header, R.row("NEW-01"), R.row("NEW-02", value: "1e9")])],
                 mentions: ["error: $DIR/in.csv:3: "]),
    ]

    typealias S = StatusCSV

    static func statusCase(_ label: String, _ rows: [String], problems: Int, mentions: [String], avoidLines: [Int] = [],
                           setup: [[String]] = []) -> BadInput {
        BadInput(label: "status import: " + label, arguments: ["status", "import", "$DIR/in.csv"], status: .dataError,
                 report: .fileImport(problems: problems), files: ["in.csv": S.file(rows)], setup: setup,
                 mentions: mentions.map { "error: $DIR/in.csv:" + $0 }, avoids: avoidLines.map { "$DIR/in.csv:\($0):" })
    }

    /// The sample has ILL-EN-08 committed (since 2023-05-30), ILL-EN-09 pledged, ILL-EN-01 finished.
    static let statusImports: [BadInput] = [
        statusCase("one key on two rows", ["ILL-EN-08,ongoing,2025-01-01,,k1", "ILL-EN-09,committed,2025-01-01,,k2",
                                           "ILL-EN-08,suspended,2025-02-01,,k1"],
                   problems: 1, mentions: ["4: key: \"k1\" appears again (first on line 2)"], avoidLines: [2, 3]),
        statusCase("a transition forbidden after the earlier rows",
                   ["ILL-EN-08,ongoing,2025-01-01,,", "ILL-EN-08,finished,2025-02-01,,", "ILL-EN-08,ongoing,2025-03-01,,"],
                   problems: 1, mentions: ["4: status: finished is terminal; use --force with a note to correct it (ILL-EN-08 is finished after line 3)"],
                   avoidLines: [2, 3]),
        statusCase("a transition forbidden from the status in the database",
                   ["ILL-EN-09,ongoing,2025-01-01,,", "ILL-EN-01,ongoing,2025-01-01,,", "ILL-EN-08,ongoing,2025-01-01,,"],
                   problems: 2, mentions: ["2: status: cannot move from pledged to ongoing", "3: status: finished is terminal"],
                   avoidLines: [4]),
        statusCase("rows in date order, not file order", ["ILL-EN-09,committed,2025-03-01,,", "ILL-EN-09,cancelled,2025-01-01,,"],
                   problems: 1, mentions: ["2: status: cancelled is terminal; use --force with a note to correct it (ILL-EN-09 is cancelled after line 3)"]),
        statusCase("a date before the project's last change, an unknown project, the same change twice",
                   ["ILL-EN-08,ongoing,2023-05-29,,", "NOPE-1,ongoing,2025-01-01,,", "ILL-EN-09,committed,2025-01-01,,",
                    "ILL-EN-09,committed,2025-01-02,,"],
                   problems: 3, mentions: ["2: effective_date: 2023-05-29 is before the last recorded change of ILL-EN-08 on 2023-05-30",
                                           "3: code: no project with code \"NOPE-1\"", "5: status: already committed"],
                   avoidLines: [4]),
        statusCase("a date before a change already scheduled", ["ILL-EN-09,committed,2098-01-01,,"],
                   problems: 1, mentions: ["2: effective_date: 2098-01-01 is before the change of ILL-EN-09 to committed already scheduled for 2099-06-01"],
                   setup: [["status", "set", "ILL-EN-09", "committed", "--effective", "2099-06-01"]]),
    ]
}

/// CSV text for `status import`.
enum StatusCSV {
    static let header = "code,status,effective_date,note,key"

    static func file(_ rows: [String]) -> Data { CSVText.file([header] + rows) }
}
