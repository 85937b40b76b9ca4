import Foundation
import PortfolioCore
import Testing
import TestSupport

/// Bad command-line input: every case must exit with the contract's code, print one
/// `error:` line (file imports: one per problem) and leave the database exactly as it was.
/// The cases are those of the bad-input table, Scripts/chaos/bad_inputs.json, that name one of
/// these tests in their `swift` field (chaos scenario 4 runs the table too).
@Suite("bad input is refused and changes nothing, end to end")
struct BadInputTests {
    @Test("project add refuses", arguments: BadInputTable.cases(for: "project add"))
    func projectAdd(_ bad: BadInputTable.Case) async throws { try await bad.check() }

    @Test("project update refuses", arguments: BadInputTable.cases(for: "project update"))
    func projectUpdate(_ bad: BadInputTable.Case) async throws { try await bad.check() }

    @Test("project show and list refuse", arguments: BadInputTable.cases(for: "project read"))
    func projectRead(_ bad: BadInputTable.Case) async throws { try await bad.check() }

    @Test("status set and history refuse", arguments: BadInputTable.cases(for: "status"))
    func status(_ bad: BadInputTable.Case) async throws { try await bad.check() }

    @Test("lender, sector, fx and target commands refuse", arguments: BadInputTable.cases(for: "reference"))
    func reference(_ bad: BadInputTable.Case) async throws { try await bad.check() }

    @Test("unknown commands and flags, missing files, no database", arguments: BadInputTable.cases(for: "usage and files"))
    func usageAndFiles(_ bad: BadInputTable.Case) async throws { try await bad.check() }

    @Test("tx, the ledger's reports, project show --as-of and the archive refuse", arguments: BadInputTable.cases(for: "ledger and archive"))
    func ledgerAndArchive(_ bad: BadInputTable.Case) async throws { try await bad.check() }

    @Test("the bad-input table reads, gives every test its cases, and is what its generator writes")
    func table() async throws {
        let table = try BadInputTable.loaded.get()
        let tests = Set(table.cases.compactMap(\.swift))
        #expect(tests == Set(BadInputTable.tests), "tests named in the table: \(tests.sorted())")
        for test in BadInputTable.tests {
            #expect(!BadInputTable.cases(for: test).isEmpty, "no case for \(test)")
        }
        // The exit codes the table expects, chaos cases too, are those of the contract.
        let unknown = Set(table.cases.map(\.exit)).filter { ContractExit(rawValue: $0) == nil }
        #expect(unknown.isEmpty, "exit codes that are no ExitStatus: \(unknown.sorted())")
        // On a thread of its own: waiting for the generator must not hold a thread of the
        // cooperative pool, which the in-process workers of other tests need.
        let (status, message) = try await Blocking.run { () throws -> (Int32, String) in
            let check = Process()
            check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            check.arguments = ["python3", BadInputTable.generator.path, "--check"]
            let errors = Pipe()
            check.standardError = errors
            try check.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            check.waitUntilExit()
            return (check.terminationStatus, message)
        }
        #expect(status == 0, "\(message)")
    }
}

/// The Swift side of the bad-input table, Scripts/chaos/bad_inputs.json (written by
/// Scripts/chaos/bad_inputs_table.py, which tells every field): its cases become `BadInput`s,
/// their project codes the sample's.
enum BadInputTable {
    /// The tests of `BadInputTests`, as the table's `swift` field names them.
    static let tests = ["project add", "project update", "project read", "status", "reference", "usage and files", "ledger and archive"]

    /// Scripts/chaos/, found from this file's own path.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EndToEndTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()
        .appendingPathComponent("Scripts/chaos")
    static let file = folder.appendingPathComponent("bad_inputs.json")
    static let generator = folder.appendingPathComponent("bad_inputs_table.py")

    struct Table: Decodable, Sendable {
        let fixtures: [String: [String: String]]
        let cases: [Entry]
    }

    struct Entry: Decodable, Sendable {
        struct File: Decodable, Sendable {
            let path: String
            let text: String?
            let base64: String?
        }

        let label: String
        let group: String
        let swift: String?
        let program: String
        let args: [String]
        let exit: Int32
        let stderrLines: Int
        let mentions: [String]
        let avoids: [String]
        let files: [File]
        let setup: [[String]]
        let env: [String: String?]
        let shell: String?
        let closedPipe: Bool
        let limitFileSize: Bool
    }

    /// One case as a test argument: the table's entry, made a `BadInput` when it runs.
    struct Case: Sendable, CustomTestStringConvertible {
        let entry: Entry
        let codes: [String: String]

        var testDescription: String { entry.label }

        func check() async throws { try await badInput().check() }

        /// The entry as the Swift suite runs it: placeholders of project codes replaced; the
        /// ways of running only the chaos runner has (another program, redirections, a closed
        /// pipe, a file size limit, a variable removed) refused.
        func badInput() throws -> BadInput {
            let label = entry.label
            try #require(entry.program == "portfolio", "\(label): the Swift suite runs `portfolio` only")
            try #require(entry.shell == nil && !entry.closedPipe && !entry.limitFileSize,
                         "\(label): redirections, closed pipes and size limits are the chaos runner's")
            var environment: [String: String] = [:]
            for (name, value) in entry.env {
                guard let value else { throw TableEntryRefused(message: "\(label): the Swift suite cannot remove \(name)") }
                environment[name] = expand(value)
            }
            var files: [String: Data] = [:]
            for file in entry.files {
                if let text = file.text {
                    files[file.path] = Data(expand(text).utf8)
                } else {
                    guard let data = Data(base64Encoded: file.base64 ?? "") else {
                        throw TableEntryRefused(message: "\(label): \(file.path) is not base64")
                    }
                    files[file.path] = data
                }
            }
            let status = try #require(ContractExit(rawValue: entry.exit), "\(label): \(entry.exit) is no exit status of the contract")
            return BadInput(
                label: label, arguments: entry.args.map(expand), status: status,
                report: entry.stderrLines == 1 ? .oneLine : .lines(entry.stderrLines), files: files,
                setup: entry.setup.map { $0.map(expand) }, mentions: entry.mentions.map(expand),
                avoids: entry.avoids.map(expand), environment: environment)
        }

        /// `$PLEDGED`, `$ONGOING_LOWER`, … replaced by the sample's codes; `$DIR` is left to `BadInput`.
        func expand(_ text: String) -> String {
            codes.keys.sorted { $0.count > $1.count }.reduce(text) { text, name in
                text.replacingOccurrences(of: "$" + name, with: codes[name]!)
            }
        }
    }

    static let loaded: Result<Table, any Error> = Result {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Table.self, from: Data(contentsOf: file))
    }

    /// The cases of one test; none when the table does not read (the `table` test says why).
    static func cases(for test: String) -> [Case] {
        guard let table = try? loaded.get() else { return [] }
        var codes: [String: String] = [:]
        for (name, code) in table.fixtures["swift"] ?? [:] {
            codes[name] = code
            codes[name + "_LOWER"] = code.lowercased()
        }
        return table.cases.filter { $0.swift == test }.map { Case(entry: $0, codes: codes) }
    }
}

/// A valid `project add` for tests that build their own bad input (PoisonValueTests).
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
}

/// An entry of the bad-input table the Swift suite cannot run as written.
struct TableEntryRefused: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
