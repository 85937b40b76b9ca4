import ArgumentParser
import PortfolioStore

/// `portfolio import --all DIR`
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Restore a portfolio written by 'export --all' into an empty database.",
        discussion: """
            The database must be migrated by the same release (the archive names its schema
            version) and hold no portfolio yet; the archive's sectors and target replace the
            ones migrations seed. Everything is restored in one transaction, or nothing is. The
            ledger's transactions are written as they were recorded, past the entry checks they
            passed then, which only the schema's owner may do: run it as the role that runs
            'portfolio migrate'. For projects from CSV, use 'portfolio project import'.
            Example: portfolio import --all backup-2026-12-06
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("all"), help: "The directory holding the archive.") var directory: String

    func run() throws {
        let connection = try database.connect()
        defer { connection.close() }
        let manifest = try ArchiveStore(connection).restore(from: directory)
        try Console.out(ExportCommand.summary(manifest, verb: "restored", directory: directory))
    }
}
