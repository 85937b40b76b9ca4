import ArgumentParser
import Foundation
import PortfolioStore

/// `portfolio sample load`
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample", abstract: "Load the illustrative sample portfolio.",
        subcommands: [Load.self])

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load Config/sample-portfolio.csv (32 illustrative projects, 8,000,000,000.00 USD).",
            discussion: "Projects already present are left alone, so loading twice changes nothing.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Another sample file.") var file: String?

        func run() throws {
            let path = try file ?? SampleCommand.locateSample()
            let connection = try database.connect()
            defer { connection.close() }
            let report = try ProjectImportCommand.runImport(connection: connection, path: path, existing: .skip, dryRun: false)
            if report.imported == 0 {
                try Console.out("sample already loaded: \(report.skipped) projects present; nothing changed\n")
            } else {
                try Console.out("loaded \(report.imported) sample projects (\(report.skipped) already present, \(report.lendersCreated) new lenders)\n")
            }
        }
    }

    /// `PORTFOLIO_SAMPLE`, else `Config/sample-portfolio.csv` in the working folder or above
    /// the executable.
    static func locateSample() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["PORTFOLIO_SAMPLE"] { return path }
        var candidates = [FileManager.default.currentDirectoryPath]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder.path)
            folder.deleteLastPathComponent()
        }
        for base in candidates {
            let path = URL(fileURLWithPath: base).appendingPathComponent("Config/sample-portfolio.csv").path
            if FileManager.default.isReadableFile(atPath: path) { return path }
        }
        throw StoreError.unreadable("Config/sample-portfolio.csv not found; run from the repository or set PORTFOLIO_SAMPLE")
    }
}
