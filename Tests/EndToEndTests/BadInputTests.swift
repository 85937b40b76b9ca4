import Foundation
import Testing
import TestSupport

/// Bad command-line input: every case must exit with the contract's code, print one
/// `error:` line (file imports: one per problem) and leave the database exactly as it was.
@Suite("bad input is refused and changes nothing, end to end")
struct BadInputTests {
    @Test("project add refuses", arguments: BadInputCorpus.projectAdd)
    func projectAdd(_ bad: BadInput) async throws { try await bad.check() }

    @Test("project update refuses", arguments: BadInputCorpus.projectUpdate)
    func projectUpdate(_ bad: BadInput) async throws { try await bad.check() }

    @Test("project show and list refuse", arguments: BadInputCorpus.projectRead)
    func projectRead(_ bad: BadInput) async throws { try await bad.check() }

    @Test("status set and history refuse", arguments: BadInputCorpus.status)
    func status(_ bad: BadInput) async throws { try await bad.check() }

    @Test("lender, sector, fx and target commands refuse", arguments: BadInputCorpus.reference)
    func reference(_ bad: BadInput) async throws { try await bad.check() }

    @Test("unknown commands and flags, missing files, no database", arguments: BadInputCorpus.usageAndFiles)
    func usageAndFiles(_ bad: BadInput) async throws { try await bad.check() }
}

enum BadInputCorpus {
    /// A valid `project add`, as flag/value pairs in order.
    static let validAdd: [(String, String)] = [
        ("--code", "NEW-01"), ("--name", "New Plant"), ("--sector", "energy"), ("--status", "pledged"),
        ("--value", "1000000"), ("--currency", "USD"), ("--value-date", "2024-01-02"),
        ("--lender", "China Development Bank=100"),
    ]

    /// `project add` with some flags replaced (or, with a nil value, left out) and extra arguments.
    static func add(_ changes: [String: String?] = [:], extra: [String] = []) -> [String] {
        var arguments = ["project", "add"]
        for (flag, value) in validAdd {
            if let change = changes[flag] {
                if let change { arguments += [flag, change] }
            } else {
                arguments += [flag, value]
            }
        }
        return arguments + extra
    }

    static func addCase(_ label: String, _ changes: [String: String?], extra: [String] = [], status: Int32 = Exit.data,
                        mentions: [String] = []) -> BadInput {
        BadInput(label: "project add: " + label, arguments: add(changes, extra: extra), status: status, mentions: mentions)
    }

    static let projectAdd: [BadInput] = [
        addCase("missing --code", ["--code": nil], status: Exit.usage),
        addCase("missing --name", ["--name": nil], status: Exit.usage),
        addCase("missing --sector", ["--sector": nil], status: Exit.usage),
        addCase("missing --value", ["--value": nil], status: Exit.usage),
        addCase("missing --currency", ["--currency": nil], status: Exit.usage),
        addCase("no --lender at all", ["--lender": nil], status: Exit.usage),
        addCase("--value given no value at the end", ["--value": nil], extra: ["--value"], status: Exit.usage),
        addCase("empty --code", ["--code": ""], mentions: ["code"]),
        addCase("code with a space", ["--code": "NEW 01"], mentions: ["code"]),
        addCase("code of 33 characters", ["--code": String(repeating: "A", count: 33)], mentions: ["32"]),
        addCase("code full of SQL", ["--code": "X'); DROP TABLE projects;--"], mentions: ["code"]),
        addCase("empty --name", ["--name": ""], mentions: ["--name"]),
        addCase("blank --name", ["--name": "   "], mentions: ["--name"]),
        addCase("name of 301 characters", ["--name": String(repeating: "n", count: 301)], mentions: ["--name"]),
        addCase("name with a control character", ["--name": "Bell\u{7}Plant"], mentions: ["--name"]),
        addCase("name with a line break", ["--name": "Two\nLines"], mentions: ["--name"]),
        addCase("unknown sector", ["--sector": "mining"], mentions: ["mining"]),
        addCase("malformed sector code", ["--sector": "Energy!"], mentions: ["--sector"]),
        addCase("empty sector", ["--sector": ""], mentions: ["--sector"]),
        addCase("negative value", ["--value": nil], extra: ["--value=-5"], mentions: ["--value"]),
        addCase("oversized value 99999999999999999999", ["--value": "99999999999999999999"], mentions: ["--value"]),
        addCase("value with three decimals in USD", ["--value": "1000.123"], mentions: ["--value"]),
        addCase("value with decimals in JPY", ["--value": "1000.5", "--currency": "JPY"], mentions: ["--value"]),
        addCase("value NaN", ["--value": "NaN"], mentions: ["--value"]),
        addCase("value 1e9", ["--value": "1e9"], mentions: ["--value"]),
        addCase("value Infinity", ["--value": "Infinity"], mentions: ["--value"]),
        addCase("empty value", ["--value": ""], mentions: ["--value"]),
        addCase("value with letters", ["--value": "12abc"], mentions: ["--value"]),
        addCase("value with misplaced separators", ["--value": "1,00,000"], mentions: ["--value"]),
        addCase("value with two decimal points", ["--value": "1.000.00"], mentions: ["--value"]),
        addCase("value with a leading +", ["--value": "+5"], mentions: ["--value"]),
        addCase("value in hexadecimal", ["--value": "0x1F"], mentions: ["--value"]),
        addCase("value in full-width digits", ["--value": "１２３"], mentions: ["--value"]),
        addCase("value with a space inside", ["--value": "1 000"], mentions: ["--value"]),
        addCase("value of only spaces", ["--value": "   "], mentions: ["--value"]),
        addCase("unknown currency XYZ", ["--currency": "XYZ"], mentions: ["--currency"]),
        addCase("currency of two letters", ["--currency": "US"], mentions: ["--currency"]),
        addCase("empty currency", ["--currency": ""], mentions: ["--currency"]),
        addCase("unknown status", ["--status": "done"], mentions: ["--status"]),
        addCase("impossible value date 2026-02-30", ["--value-date": "2026-02-30"], mentions: ["--value-date"]),
        addCase("impossible value date 2026-13-01", ["--value-date": "2026-13-01"], mentions: ["--value-date"]),
        addCase("value date without dashes 20260101", ["--value-date": "20260101"], mentions: ["--value-date"]),
        addCase("value date in 1899", ["--value-date": "1899-12-31"], mentions: ["--value-date"]),
        addCase("value date 2026-02-29 in a common year", ["--value-date": "2026-02-29"], mentions: ["--value-date"]),
        addCase("value date with a time", ["--value-date": "2026-01-01T00:00:00Z"], mentions: ["--value-date"]),
        addCase("value date without leading zeros", ["--value-date": "2026-1-1"], mentions: ["--value-date"]),
        addCase("value date in 2201", ["--value-date": "2201-01-01"], mentions: ["--value-date"]),
        addCase("impossible start 2025-02-29", [:], extra: ["--start", "2025-02-29"], mentions: ["--start"]),
        addCase("end before start", [:], extra: ["--start", "2026-01-01", "--end", "2025-12-31"], mentions: ["--end"]),
        addCase("shares 60+30", ["--lender": nil], extra: ["--lender", "China Development Bank=60", "--lender", "Bank of China=30"],
                mentions: ["100%"]),
        addCase("shares 60+50", ["--lender": nil], extra: ["--lender", "China Development Bank=60", "--lender", "Bank of China=50"],
                mentions: ["100%"]),
        addCase("same lender twice", ["--lender": nil], extra: ["--lender", "Bank of China=50", "--lender", "Bank of China=50"],
                mentions: ["more than once"]),
        addCase("same lender twice, other case", ["--lender": nil],
                extra: ["--lender", "Bank of China=50", "--lender", "BANK OF CHINA=50"], mentions: ["more than once"]),
        addCase("two lenders, one without a share", ["--lender": nil], extra: ["--lender", "Bank of China=50", "--lender", "Other Bank"],
                mentions: ["--lender"]),
        addCase("share with three decimals", ["--lender": nil],
                extra: ["--lender", "Bank of China=33.333", "--lender", "Other Bank=66.667"], mentions: ["--lender"]),
        addCase("share above 100", ["--lender": "Bank of China=101"], mentions: ["--lender"]),
        addCase("share of 0", ["--lender": nil], extra: ["--lender", "Bank of China=0", "--lender", "Other Bank=100"],
                mentions: ["--lender"]),
        addCase("lender without a name", ["--lender": "=100"], mentions: ["--lender"]),
        addCase("lender share that is not a number", ["--lender": "Bank of China=all"], mentions: ["--lender"]),
        addCase("lender list joined with ';'", ["--lender": "Bank of China=50;Other Bank=50"], mentions: ["--lender"]),
        addCase("empty lender", ["--lender": ""], mentions: ["--lender"]),
        addCase("duplicate code of a sample project", ["--code": "ILL-EN-01"], mentions: ["ILL-EN-01"]),
        addCase("unknown flag", [:], extra: ["--colour", "red"], status: Exit.usage),
        addCase("unknown --format", [:], extra: ["--format", "yaml"], status: Exit.usage),
    ]

    static let projectUpdate: [BadInput] = [
        BadInput(label: "update: unknown code", arguments: ["project", "update", "NOPE-1", "--name", "X"], status: Exit.data,
                 mentions: ["NOPE-1"]),
        BadInput(label: "update: no field to change", arguments: ["project", "update", "ILL-EN-05"], status: Exit.usage),
        BadInput(label: "update: no code", arguments: ["project", "update"], status: Exit.usage),
        BadInput(label: "update: --currency without --value", arguments: ["project", "update", "ILL-EN-05", "--currency", "EUR"],
                 status: Exit.usage),
        BadInput(label: "update: --expect-version 0", arguments: ["project", "update", "ILL-EN-05", "--name", "X", "--expect-version", "0"],
                 status: Exit.usage),
        BadInput(label: "update: --expect-version not a number",
                 arguments: ["project", "update", "ILL-EN-05", "--name", "X", "--expect-version", "two"], status: Exit.usage),
        BadInput(label: "update: stale --expect-version (75)",
                 arguments: ["project", "update", "ILL-EN-05", "--name", "Stale Write", "--expect-version", "1"],
                 status: Exit.conflict, setup: [["project", "update", "ILL-EN-05", "--location", "Gomel"]],
                 mentions: ["ILL-EN-05"]),
        BadInput(label: "update: --expect-version ahead of the project (75)",
                 arguments: ["project", "update", "ILL-EN-05", "--name", "Future Write", "--expect-version", "7"],
                 status: Exit.conflict),
        BadInput(label: "update: empty name", arguments: ["project", "update", "ILL-EN-05", "--name", ""], status: Exit.data),
        BadInput(label: "update: negative value", arguments: ["project", "update", "ILL-EN-05", "--value=-1"], status: Exit.data,
                 mentions: ["--value"]),
        BadInput(label: "update: value NaN", arguments: ["project", "update", "ILL-EN-05", "--value", "NaN"], status: Exit.data,
                 mentions: ["--value"]),
        BadInput(label: "update: oversized value", arguments: ["project", "update", "ILL-EN-05", "--value", "99999999999999999999"],
                 status: Exit.data, mentions: ["--value"]),
        BadInput(label: "update: unknown currency", arguments: ["project", "update", "ILL-EN-05", "--value", "1", "--currency", "XXX"],
                 status: Exit.data, mentions: ["--currency"]),
        BadInput(label: "update: unknown sector", arguments: ["project", "update", "ILL-EN-05", "--sector", "mining"], status: Exit.data,
                 mentions: ["mining"]),
        BadInput(label: "update: impossible start date", arguments: ["project", "update", "ILL-EN-05", "--start", "2026-02-30"],
                 status: Exit.data, mentions: ["--start"]),
        BadInput(label: "update: end before the stored start", arguments: ["project", "update", "ILL-EN-05", "--end", "2010-01-01"],
                 status: Exit.data, mentions: ["end"]),
        BadInput(label: "update: shares 60+30",
                 arguments: ["project", "update", "ILL-EN-05", "--lender", "China Development Bank=60", "--lender", "Bank of China=30"],
                 status: Exit.data, mentions: ["100%"]),
        BadInput(label: "update: same lender twice",
                 arguments: ["project", "update", "ILL-EN-05", "--lender", "Bank of China=50", "--lender", "bank of china=50"],
                 status: Exit.data, mentions: ["more than once"]),
        BadInput(label: "update: location of 201 characters",
                 arguments: ["project", "update", "ILL-EN-05", "--location", String(repeating: "l", count: 201)], status: Exit.data),
        BadInput(label: "update: status is not a field here", arguments: ["project", "update", "ILL-EN-05", "--status", "finished"],
                 status: Exit.usage),
    ]

    static let projectRead: [BadInput] = [
        BadInput(label: "show: unknown code", arguments: ["project", "show", "NOPE-1"], status: Exit.data, mentions: ["NOPE-1"]),
        BadInput(label: "show: code full of SQL", arguments: ["project", "show", "x' OR '1'='1"], status: Exit.data),
        BadInput(label: "show: code in the wrong case", arguments: ["project", "show", "ill-en-01"], status: Exit.data),
        BadInput(label: "show: no code", arguments: ["project", "show"], status: Exit.usage),
        BadInput(label: "show: --format xml", arguments: ["project", "show", "ILL-EN-01", "--format", "xml"], status: Exit.usage),
        BadInput(label: "list: unknown status", arguments: ["project", "list", "--status", "done"], status: Exit.data,
                 mentions: ["--status"]),
        BadInput(label: "list: malformed sector", arguments: ["project", "list", "--sector", "Bad!"], status: Exit.data,
                 mentions: ["--sector"]),
        BadInput(label: "list: --format pdf", arguments: ["project", "list", "--format", "pdf"], status: Exit.usage),
        BadInput(label: "export: --format xml", arguments: ["project", "export", "--format", "xml"], status: Exit.usage),
    ]

    static let status: [BadInput] = [
        BadInput(label: "status set: unknown code", arguments: ["status", "set", "NOPE-1", "committed"], status: Exit.data,
                 mentions: ["NOPE-1"]),
        BadInput(label: "status set: unknown code, future date",
                 arguments: ["status", "set", "NOPE-1", "committed", "--effective", "2099-01-01"], status: Exit.data,
                 mentions: ["NOPE-1"]),
        BadInput(label: "status set: invalid status name", arguments: ["status", "set", "ILL-EN-05", "completed"], status: Exit.data),
        BadInput(label: "status set: finished → ongoing without --force",
                 arguments: ["status", "set", "ILL-EN-01", "ongoing"], status: Exit.data, mentions: ["terminal"]),
        BadInput(label: "status set: --force without --note",
                 arguments: ["status", "set", "ILL-EN-01", "ongoing", "--force"], status: Exit.data, mentions: ["note"]),
        BadInput(label: "status set: --force with a blank --note",
                 arguments: ["status", "set", "ILL-EN-01", "ongoing", "--force", "--note", "   "], status: Exit.data,
                 mentions: ["note"]),
        BadInput(label: "status set: to the status it has", arguments: ["status", "set", "ILL-EN-05", "ongoing"], status: Exit.data,
                 mentions: ["already"]),
        BadInput(label: "status set: pledged → ongoing skips committed", arguments: ["status", "set", "ILL-EN-09", "ongoing"],
                 status: Exit.data),
        BadInput(label: "status set: pledged → suspended", arguments: ["status", "set", "ILL-EN-09", "suspended"], status: Exit.data),
        BadInput(label: "status set: impossible --effective 2026-02-30",
                 arguments: ["status", "set", "ILL-EN-05", "finished", "--effective", "2026-02-30"], status: Exit.data,
                 mentions: ["--effective"]),
        BadInput(label: "status set: --effective before the last recorded change",
                 arguments: ["status", "set", "ILL-EN-05", "finished", "--effective", "2010-01-01"], status: Exit.data),
        BadInput(label: "status set: scheduled before a change already scheduled later",
                 arguments: ["status", "set", "ILL-EN-08", "suspended", "--effective", "2098-01-01"], status: Exit.data,
                 setup: [["status", "set", "ILL-EN-08", "ongoing", "--effective", "2099-01-01"]]),
        BadInput(label: "status set: scheduled twice to the same status",
                 arguments: ["status", "set", "ILL-EN-09", "committed", "--effective", "2100-01-01"], status: Exit.data,
                 setup: [["status", "set", "ILL-EN-09", "committed", "--effective", "2099-01-01"]]),
        BadInput(label: "status set: note with a control character",
                 arguments: ["status", "set", "ILL-EN-05", "finished", "--note", "done\u{1B}[31m"], status: Exit.data,
                 mentions: ["--note"]),
        BadInput(label: "status set: note of 2001 characters",
                 arguments: ["status", "set", "ILL-EN-05", "finished", "--note", String(repeating: "x", count: 2001)],
                 status: Exit.data, mentions: ["--note"]),
        BadInput(label: "status set: missing status", arguments: ["status", "set", "ILL-EN-05"], status: Exit.usage),
        BadInput(label: "status set: unknown flag", arguments: ["status", "set", "ILL-EN-05", "finished", "--when", "now"],
                 status: Exit.usage),
        BadInput(label: "status history: unknown code", arguments: ["status", "history", "NOPE-1"], status: Exit.data,
                 mentions: ["NOPE-1"]),
        BadInput(label: "status history: --format csv", arguments: ["status", "history", "ILL-EN-01", "--format", "csv"],
                 status: Exit.usage),
    ]

    static let reference: [BadInput] = [
        BadInput(label: "lender add: existing lender in another case", arguments: ["lender", "add", "china development bank"],
                 status: Exit.data),
        BadInput(label: "lender add: country of three letters", arguments: ["lender", "add", "New Bank", "--country", "CHN"],
                 status: Exit.data, mentions: ["--country"]),
        BadInput(label: "lender add: unknown kind", arguments: ["lender", "add", "New Bank", "--kind", "bank"], status: Exit.data,
                 mentions: ["--kind"]),
        BadInput(label: "lender add: empty name", arguments: ["lender", "add", ""], status: Exit.data),
        BadInput(label: "lender add: name with '='", arguments: ["lender", "add", "Bank=50"], status: Exit.data),
        BadInput(label: "sector add: existing sector", arguments: ["sector", "add", "energy", "Energy again"], status: Exit.data),
        BadInput(label: "sector add: code with an accent", arguments: ["sector", "add", "énergie", "Énergie"], status: Exit.data),
        BadInput(label: "sector add: DAC code of two digits", arguments: ["sector", "add", "mining", "Mining", "--dac", "32"],
                 status: Exit.data),
        BadInput(label: "sector add: missing name", arguments: ["sector", "add", "mining"], status: Exit.usage),
        BadInput(label: "fx set: rate 0", arguments: ["fx", "set", "CNY", "2024-01-02", "0"], status: Exit.data, mentions: ["rate"]),
        BadInput(label: "fx set: negative rate after --", arguments: ["fx", "set", "--", "CNY", "2024-01-02", "-0.14"],
                 status: Exit.data, mentions: ["rate"]),
        BadInput(label: "fx set: rate NaN", arguments: ["fx", "set", "CNY", "2024-01-02", "NaN"], status: Exit.data, mentions: ["rate"]),
        BadInput(label: "fx set: unknown currency", arguments: ["fx", "set", "XXX", "2024-01-02", "0.14"], status: Exit.data,
                 mentions: ["currency"]),
        BadInput(label: "fx set: impossible date", arguments: ["fx", "set", "CNY", "2024-02-30", "0.14"], status: Exit.data,
                 mentions: ["date"]),
        BadInput(label: "fx set: USD into USD", arguments: ["fx", "set", "USD", "2024-01-02", "1"], status: Exit.data),
        BadInput(label: "fx set: missing rate", arguments: ["fx", "set", "CNY", "2024-01-02"], status: Exit.usage),
        BadInput(label: "fx set: 13 decimals", arguments: ["fx", "set", "CNY", "2024-01-02", "0.1408000000001"], status: Exit.data,
                 mentions: ["rate: rate \"0.1408000000001\" has 13 decimals; an FX rate may have at most 12"]),
        BadInput(label: "fx set: a rate that would round to zero", arguments: ["fx", "set", "CNY", "2024-01-02", "0.0000000000006"],
                 status: Exit.data, mentions: ["at most 12"]),
        BadInput(label: "fx set: 19 integer digits", arguments: ["fx", "set", "CNY", "2024-01-02", "1000000000000000000"],
                 status: Exit.data, mentions: ["more than 1000000, the largest rate"]),
        BadInput(label: "fx set: 40 integer digits", arguments: ["fx", "set", "CNY", "2024-01-02", String(repeating: "7", count: 40)],
                 status: Exit.data, mentions: ["more than 1000000, the largest rate"]),
        BadInput(label: "fx set: leading +", arguments: ["fx", "set", "CNY", "2024-01-02", "+0.14"], status: Exit.data, mentions: ["rate"]),
        BadInput(label: "fx set: exponent", arguments: ["fx", "set", "CNY", "2024-01-02", "1.4E-1"], status: Exit.data,
                 mentions: ["exponent"]),
        BadInput(label: "fx set: negative zero", arguments: ["fx", "set", "--", "CNY", "2024-01-02", "-0"], status: Exit.data,
                 mentions: ["greater than 0"]),
        BadInput(label: "fx set: inner space", arguments: ["fx", "set", "CNY", "2024-01-02", "0. 14"], status: Exit.data, mentions: ["rate"]),
        BadInput(label: "target set: zero", arguments: ["target", "set", "0", "USD"], status: Exit.data),
        BadInput(label: "target set: NaN", arguments: ["target", "set", "NaN", "USD"], status: Exit.data),
        BadInput(label: "target set: three decimals in USD", arguments: ["target", "set", "8000000000.001", "USD"], status: Exit.data),
        BadInput(label: "target set: oversized", arguments: ["target", "set", "99999999999999999999", "USD"], status: Exit.data),
        BadInput(label: "target set: unknown currency", arguments: ["target", "set", "8000000000", "ABC"], status: Exit.data),
    ]

    static let usageAndFiles: [BadInput] = [
        BadInput(label: "unknown command", arguments: ["frobnicate"], status: Exit.usage),
        BadInput(label: "unknown project subcommand", arguments: ["project", "delete", "ILL-EN-01"], status: Exit.usage),
        BadInput(label: "unknown status subcommand", arguments: ["status", "undo", "ILL-EN-01"], status: Exit.usage),
        BadInput(label: "unknown global flag", arguments: ["--verbose", "project", "list"], status: Exit.usage),
        BadInput(label: "unknown flag on list", arguments: ["project", "list", "--country", "CN"], status: Exit.usage),
        BadInput(label: "extra argument to list", arguments: ["project", "list", "energy"], status: Exit.usage),
        BadInput(label: "project import: missing file", arguments: ["project", "import", "$DIR/nope.csv"], status: Exit.noInput,
                 mentions: ["$DIR/nope.csv"]),
        BadInput(label: "project import: a folder", arguments: ["project", "import", "$DIR"], status: Exit.noInput),
        BadInput(label: "project import --dry-run: missing file", arguments: ["project", "import", "$DIR/nope.csv", "--dry-run"],
                 status: Exit.noInput),
        BadInput(label: "project import: no file argument", arguments: ["project", "import"], status: Exit.usage),
        BadInput(label: "fx import: missing file", arguments: ["fx", "import", "$DIR/rates.csv"], status: Exit.noInput,
                 mentions: ["$DIR/rates.csv"]),
        BadInput(label: "sample load: missing --file", arguments: ["sample", "load", "--file", "$DIR/sample.csv"], status: Exit.noInput),
        BadInput(label: "sample load: PORTFOLIO_SAMPLE names a missing file", arguments: ["sample", "load"], status: Exit.noInput,
                 environment: ["PORTFOLIO_SAMPLE": "/nonexistent/sample-portfolio.csv"]),
        BadInput(label: "database unavailable (69)", arguments: ["project", "add", "--code", "NEW-01", "--name", "X", "--sector", "energy",
                                                                  "--value", "1", "--currency", "USD", "--lender", "A"],
                 status: Exit.unavailable, avoids: ["secret"],
                 environment: ["DATABASE_URL": "postgresql://u:secret@127.0.0.1:1/x"]),
    ]
}
