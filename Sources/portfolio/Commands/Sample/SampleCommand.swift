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
            abstract: "Load Config/sample-portfolio.csv (32 illustrative projects, 8,000,000,000.00 USD) and its ledger.",
            discussion: """
                The ledger, Config/sample-ledger.csv, holds the money that flowed after the signature:
                finished projects fully disbursed and partly repaid, ongoing ones partly disbursed,
                a cancelled tranche. Projects already present are left alone (and the ledger is then
                not loaded again), so loading twice changes nothing.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Another sample file (its ledger only with --ledger).") var file: String?
        @Option(help: "A ledger to record after the projects (default: Config/sample-ledger.csv with the default sample).")
        var ledger: String?

        func run() throws {
            let path = try file ?? SampleCommand.locateSample()
            let ledgerPath = ledger ?? (file == nil ? SampleCommand.sibling(of: path, named: "sample-ledger.csv") : nil)
            let connection = try database.connect()
            defer { connection.close() }
            // The projects and their ledger commit together.
            let (report, transactions) = try connection.transaction { c in
                let report = try ProjectImportCommand.runImport(connection: c, path: path, existing: .skip, dryRun: false)
                guard report.imported > 0 else { return (report, Int?.none) }
                return (report, try ledgerPath.map { try LedgerImporter(c).importFile(path: $0, actor: ChangeActor.current()) })
            }
            if report.imported == 0 {
                try Console.out("sample already loaded: \(report.skipped) projects present; nothing changed\n")
                return
            }
            try Console.out("loaded \(report.imported) sample projects (\(report.skipped) already present, \(report.lendersCreated) new lenders)"
                + (transactions.map { " and \($0) transactions" } ?? "") + "\n")
        }
    }

    /// The readable file `name` in the folder of `path`, if there is one.
    static func sibling(of path: String, named name: String) -> String? {
        let candidate = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(name).path
        return FileManager.default.isReadableFile(atPath: candidate) ? candidate : nil
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
