import Foundation
import PortfolioCore
import Testing
import TestSupport

/// One bad input for the `portfolio` executable, run on a database holding the sample
/// portfolio, and what the contract says must come of it.
struct BadInput: Sendable, CustomTestStringConvertible {
    /// How errors are reported.
    enum Report: Sendable {
        /// Exactly one `error:` line.
        case oneLine
        /// A file import: one `error: FILE:LINE: …` line per problem, the last one summarising;
        /// `problems`, when given, is how many problems (and so lines) there must be.
        case fileImport(problems: Int?)
        /// This many lines, each an `error:` line.
        case lines(Int)
    }

    let label: String
    /// The arguments; `$DIR` stands for the case's temporary folder.
    let arguments: [String]
    let status: ContractExit
    var report: Report = .oneLine
    /// Files written into the temporary folder first.
    var files: [String: Data] = [:]
    /// Commands run (and required to succeed) before the database is fingerprinted.
    var setup: [[String]] = []
    /// Texts stderr must contain; `$DIR` stands for the temporary folder.
    var mentions: [String] = []
    /// Texts stderr must not contain.
    var avoids: [String] = []
    /// Extra environment for the run under test.
    var environment: [String: String] = [:]

    var testDescription: String { label }
}

/// The exit codes of the contract (TestSupport's `ExitStatus` is how a process ended).
typealias ContractExit = PortfolioCore.ExitStatus

extension BadInput {
    /// Runs the case on a fresh database with the sample loaded and checks exit status, stderr,
    /// empty stdout and an unchanged database.
    func check() async throws {
        try await TemporaryFolder.with { folder in
            try await TestDatabase.with { db in
                let cli = PortfolioCLI(db)
                try await cli.loadSample()
                let expand = { (text: String) in text.replacingOccurrences(of: "$DIR", with: folder.path) }
                for (name, data) in files { try folder.write(name, data) }
                for step in setup { try await cli.succeed(step.map(expand)) }
                let before = try await DatabaseFingerprint.capture(db)
                #expect(DatabaseFingerprint.rowCount(before, "projects") == PortfolioCLI.sampleProjectCount)

                let run = try await cli.run(arguments.map(expand), environment: environment)

                let after = try await DatabaseFingerprint.capture(db)
                #expect(run.status == status.rawValue, "\(label): \(run.summary)")
                #expect(run.stdout.isEmpty, "\(label): a failed command printed data: \(run.stdout.prefix(500))")
                #expect(run.stderr.hasPrefix("error: "), "\(label): \(run.summary)")
                #expect(run.stderr.hasSuffix("\n"), "\(label): stderr does not end its line")
                let lines = run.stderrLines
                switch report {
                case .oneLine:
                    #expect(lines.count == 1, "\(label): expected one error line, got \(lines.count): \(run.stderr.prefix(2000))")
                case .lines(let count):
                    for line in lines {
                        #expect(line.hasPrefix("error: "), "\(label): a stderr line without 'error:': \(line.prefix(300))")
                    }
                    #expect(lines.count == count, "\(label): expected \(count) error lines, got \(lines.count): \(run.stderr.prefix(3000))")
                case .fileImport(let problems):
                    for line in lines {
                        #expect(line.hasPrefix("error: "), "\(label): import diagnostic without 'error:': \(line.prefix(300))")
                    }
                    #expect(lines.last?.contains("nothing was imported") == true,
                            "\(label): the last line does not summarise: \(lines.last?.prefix(300) ?? "")")
                    if let problems {
                        #expect(lines.count == problems, "\(label): expected \(problems) error lines: \(run.stderr.prefix(3000))")
                        if problems > 1 {
                            #expect(lines.last?.contains("\(problems) problems") == true, "\(label): \(lines.last ?? "")")
                        }
                    }
                }
                for text in mentions.map(expand) {
                    #expect(run.stderr.contains(text), "\(label): stderr lacks \(text.debugDescription): \(run.stderr.prefix(3000))")
                }
                for text in avoids.map(expand) {
                    #expect(!run.stderr.contains(text), "\(label): stderr holds \(text.debugDescription): \(run.stderr.prefix(3000))")
                }
                #expect(before == after, "\(label): the database changed in \(DatabaseFingerprint.differences(before, after))")
            }
        }
    }
}
