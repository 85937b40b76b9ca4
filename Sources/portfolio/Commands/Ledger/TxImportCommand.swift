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
            Example: portfolio tx import disbursements.csv
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        let connection = try database.connect()
        defer { connection.close() }
        let count = try ImportSummary.reporting { try LedgerImporter(connection).importFile(path: file, actor: ChangeActor.current()) }
        try Console.out("recorded \(count) transactions from \(file)\n")
    }
}
