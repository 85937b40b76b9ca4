import ArgumentParser
import PortfolioStore

/// `portfolio export --all DIR`
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the whole portfolio with its full history, to restore it with 'import --all'.",
        discussion: """
            Writes one CSV file per table (projects, their lenders, every field's history, the
            ledger, sectors, lenders, FX rates, targets, rollup snapshots and the audit trail) and
            manifest.json into DIR, which must not exist or be empty, from one consistent view.
            Ids and recording times are kept as stored, so the restored portfolio answers every
            --as-of and --as-recorded report as this one does. For projects alone in the import
            format, use 'portfolio project export'.
            Example: portfolio export --all backup-2026-12-06
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("all"), help: "The directory to write the archive to.") var directory: String

    func run() throws {
        let connection = try database.connect()
        defer { connection.close() }
        let manifest = try ArchiveStore(connection).export(to: directory)
        try Console.out(ExportCommand.summary(manifest, verb: "exported", directory: directory))
    }

    /// `exported 32 projects, 145 transactions and 312 history rows to DIR`.
    static func summary(_ manifest: ArchiveManifest, verb: String, directory: String) -> String {
        let tables = manifest.tables
        let history = ["status_history.csv", "value_history.csv", "sector_history.csv", "lender_history.csv"]
            .reduce(0) { $0 + (tables[$1] ?? 0) }
        return "\(verb) \(tables["projects.csv"] ?? 0) projects, \(tables["ledger_transactions.csv"] ?? 0) transactions "
            + "and \(history) history rows \(verb == "exported" ? "to" : "from") \(directory)\n"
    }
}
