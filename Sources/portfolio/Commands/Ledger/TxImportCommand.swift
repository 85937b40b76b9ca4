import ArgumentParser
import PortfolioStore

/// `portfolio tx import FILE`
struct TxImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record transactions from CSV, all or nothing.",
        discussion: """
            Header: code,type,lender,amount,currency,date,ref,note (ref and note may be left out).
            Every row that does not parse is reported as FILE:LINE; then the rows are recorded
            in file order, and the first the database refuses is reported with its line. A ref
            repeated in the file or already recorded for the project is refused, so a file with
            refs can be imported again without doubling anything.
            With --queue, each row becomes a ledger.record job for the worker instead, all or
            nothing: every row's project, lender, date and rate are checked first and reported
            as FILE:LINE; a row whose ref is recorded or queued already is skipped and counted.
            The worker records each in its own job; one the ledger refuses then (above the
            commitment) is discarded with the reason ('portfolio jobs list --state discarded').
            Examples:
              portfolio tx import disbursements.csv
              portfolio tx import disbursements.csv --queue
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Queue the rows for the worker instead of recording them now.") var queue = false

    func run() throws {
        let connection = try database.connect()
        defer { connection.close() }
        if queue {
            let report = try ImportSummary.reporting { try LedgerImporter(connection).queueFile(path: file, actor: ChangeActor.current()) }
            try Console.out("queued \(report.queued) transactions for the worker (\(report.skipped) recorded or queued before, skipped)\n")
            return
        }
        let count = try ImportSummary.reporting { try LedgerImporter(connection).importFile(path: file, actor: ChangeActor.current()) }
        try Console.out("recorded \(count) transactions from \(file)\n")
    }
}
