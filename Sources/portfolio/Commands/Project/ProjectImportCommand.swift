import ArgumentParser
import Postgres
import PortfolioCore
import PortfolioStore

/// `portfolio project import FILE`
struct ProjectImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import projects from CSV, all or nothing.",
        discussion: """
            Header: code,name,sector,status,value,currency,value_date,lenders,start_date,end_date,location,description
            with lenders as "China Development Bank=60;Export-Import Bank of China=40".
            Every bad row is reported as FILE:LINE: message and nothing is written.
            Example: portfolio project import projects.csv --dry-run
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The CSV file.") var file: String
    @Flag(name: .customLong("dry-run"), help: "Validate only; write nothing.") var dryRun = false

    func run() throws {
        let connection = try database.connect()
        defer { connection.close() }
        let report = try ProjectImportCommand.runImport(
            connection: connection, path: file, existing: .refuse, dryRun: dryRun)
        if dryRun {
            try Console.out("dry run: \(report.rowsRead) rows valid; \(report.imported) projects would be imported; nothing written\n")
        } else {
            try Console.out("imported \(report.imported) projects (\(report.lendersCreated) new lenders)\n")
        }
    }

    /// Runs an import, printing progress on a terminal and every problem on stderr.
    static func runImport(connection: Connection, path: String, existing: ProjectImporter.ExistingCodes, dryRun: Bool) throws -> ProjectImporter.Report {
        let showProgress = Console.stderrIsTerminal
        return try ImportSummary.reporting {
            // The progress line is cleared before any problem is reported.
            defer { if showProgress { Console.progress(nil) } }
            return try ProjectImporter(connection).importFile(
                path: path, existing: existing, dryRun: dryRun, actor: ChangeActor.current(),
                progress: showProgress ? { rows in Console.progress("read \(rows) rows") } : nil)
        }
    }
}

/// The closing line of a failed import, after every problem was printed.
/// An import's problems as the commands report them: every one but the last on stderr, the last
/// as the error line, with how many there were.
struct ImportSummary: CommandFailure {
    let problems: [String]
    var exitStatus: ExitStatus { .dataError }
    var description: String {
        let last = problems.last ?? "import failed"
        return problems.count == 1 ? "\(last); nothing was imported" : "\(last); \(problems.count) problems, nothing was imported"
    }
}

extension ImportSummary {
    /// Runs an import, reporting its `ImportFailure` problem by problem.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as ImportFailure {
            for problem in failure.problems.dropLast() { Console.note("error: \(problem)") }
            throw ImportSummary(problems: failure.problems)
        }
    }
}
