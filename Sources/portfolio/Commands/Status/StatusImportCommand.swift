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
            project's changes in effective-date order (file order within a date), never before
            that date. A row whose key was applied or queued before is skipped and counted.
            Bad rows, all reported as FILE:LINE and nothing queued: a field that does not parse, a
            key on two rows, an unknown project, a date before the project's last recorded change
            or before a change already scheduled for it, and a transition the status machine
            forbids from the status the project has after the earlier changes.
            Example: portfolio status import changes.csv
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        let connection = try database.connect()
        defer { connection.close() }
        let report = try ImportSummary.reporting { try StatusImporter(connection).importFile(path: file, actor: ChangeActor.current()) }
        try Console.out("queued \(report.queued) status changes for the worker (\(report.duplicates) seen before, skipped)\n")
    }
}
