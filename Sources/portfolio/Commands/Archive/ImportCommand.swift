import ArgumentParser
import PortfolioStore

/// `portfolio import --all DIR` and `portfolio import --format iati FILE`
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Restore a portfolio written by 'export --all' into an empty database, or import an IATI activity file.",
        discussion: """
            --all DIR: the database must be migrated by the same release (the archive names its
            schema version) and hold no portfolio yet; the archive's sectors and target replace
            the ones migrations seed. Everything is restored in one transaction, or nothing is. The
            ledger's transactions are written as they were recorded, past the entry checks they
            passed then, which only the schema's owner may do: run it as the role that runs
            'portfolio migrate'. For projects from CSV, use 'portfolio project import'.

            --format iati FILE: each activity of an IATI 2.0x activity file becomes a project with
            its lenders and ledger, all or nothing; every activity that cannot be taken is
            reported as FILE:LINE: what is missing or not mapped. A file this tracker exported
            comes back as it was.
            Examples:
              portfolio import --all backup-2026-12-06
              portfolio import --format iati activities.xml
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case iati
    }

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("all"), help: "The directory holding the archive.") var directory: String?
    @Option(help: "iati: an IATI activity file.") var format: Format?
    @Argument(help: "iati: the file to import.") var file: String?

    func run() throws {
        switch (directory, format, file) {
        case (let directory?, nil, nil):
            let connection = try database.connect()
            defer { connection.close() }
            let manifest = try ArchiveStore(connection).restore(from: directory)
            try Console.out(ExportCommand.summary(manifest, verb: "restored", directory: directory))
        case (nil, .iati?, let file?):
            let connection = try database.connect()
            defer { connection.close() }
            let report = try ImportSummary.reporting {
                try IATIImporter(connection).importFile(path: file, actor: ChangeActor.current())
            }
            let leftOut = report.leftOut > 0 ? " (\(report.leftOut) transactions of other types left out)" : ""
            try Console.out("imported \(report.projects) projects and \(report.transactions) transactions from \(file)\(leftOut)\n")
        case (nil, .iati?, nil):
            throw InputError.usage("--format iati needs the FILE to import")
        case (_?, _, _):
            throw InputError.usage("give either --all DIR or --format iati FILE, not both")
        case (nil, nil, _):
            throw InputError.usage("give --all DIR (an archive) or --format iati FILE (an IATI activity file)")
        }
    }
}
