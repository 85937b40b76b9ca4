import ArgumentParser
import PortfolioCore
import PortfolioStore

/// `portfolio status import FILE`
struct StatusImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Queue status changes from CSV for the worker, all or nothing.",
        discussion: """
            Header: code,status,effective_date,note,key (note and key may be empty or absent).
            Each row becomes one status.apply job, due on its effective date; the worker applies a
            project's changes in effective-date order. A row whose key was seen before is applied once.
            Example: portfolio status import changes.csv
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        let connection = try database.connect()
        defer { connection.close() }
        do {
            let report = try StatusImporter(connection).importFile(path: file, actor: ChangeActor.current())
            try Console.out("queued \(report.queued) status changes for the worker (\(report.duplicates) seen before, skipped)\n")
        } catch let failure as ImportFailure {
            for problem in failure.problems.dropLast() { Console.note("error: \(problem)") }
            throw ImportSummary(problems: failure.problems)
        }
    }
}
