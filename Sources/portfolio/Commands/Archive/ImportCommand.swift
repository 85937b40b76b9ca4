import ArgumentParser
import PortfolioCore
import PortfolioStore

/// `portfolio import --all DIR`, `portfolio import --format iati FILE` and
/// `portfolio import --format aiddata FILE`
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Restore a portfolio written by 'export --all' into an empty database, or import an IATI or AidData file.",
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

            --format aiddata FILE: each record of AidData's Global Chinese Development Finance
            dataset 3.0 (the CSV as published) becomes a project, all or nothing: the record ID
            its code, the Amount (Nominal USD) its value (--amount constant-usd-2021 for the
            deflated amount), the funding agencies its lenders in equal shares (flagged as
            estimated when there are several). Records AidData does not recommend for aggregates
            are kept but left out of every report and rollup, unless --include-not-recommended.
            --sectors dac (both formats) files each project under a sector of its own per OECD
            DAC 3-digit code instead of the five it groups into.
            Examples:
              portfolio import --all backup-2026-12-06
              portfolio import --format iati activities.xml
              portfolio import --format aiddata AidDatasGlobalChineseDevelopmentFinanceDataset_v3.0.csv --recipient Belarus
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case iati
        case aiddata
    }

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("all"), help: "The directory holding the archive.") var directory: String?
    @Option(help: "iati (an IATI activity file) or aiddata (AidData's GCDF 3.0 CSV).") var format: Format?
    @Argument(help: "iati, aiddata: the file to import.") var file: String?
    @Option(help: "aiddata: only the records of this recipient (its name or ISO-3 code).") var recipient: String?
    @Option(help: "aiddata: nominal-usd (the default) or constant-usd-2021.") var amount: AidDataAmountBasis?
    @Option(help: "iati, aiddata: grouped (the default: the five sectors) or dac (a sector per DAC 3-digit code).")
    var sectors: ImportSectors?
    @Flag(help: "aiddata: count the records AidData does not recommend for aggregates as well.")
    var includeNotRecommended = false

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
                try IATIImporter(connection).importFile(path: file, sectors: sectors ?? .grouped, actor: ChangeActor.current())
            }
            let leftOut = report.leftOut > 0 ? " (\(report.leftOut) transactions of other types left out)" : ""
            try Console.out("imported \(report.projects) projects and \(report.transactions) transactions from \(file)\(leftOut)\n")
        case (nil, .aiddata?, let file?):
            let connection = try database.connect()
            defer { connection.close() }
            let options = AidDataImporter.Options(recipient: recipient, amount: amount ?? .nominalUSD, sectors: sectors ?? .grouped,
                                                  includeNotRecommended: includeNotRecommended)
            let report = try ImportSummary.reporting {
                try AidDataImporter(connection).importFile(path: file, options: options, actor: ChangeActor.current())
            }
            try Console.out(Self.summary(report, file: file))
        case (nil, let format?, nil):
            throw InputError.usage("--format \(format.rawValue) needs the FILE to import")
        case (_?, _, _):
            throw InputError.usage("give either --all DIR or --format iati|aiddata FILE, not both")
        case (nil, nil, _):
            throw InputError.usage("give --all DIR (an archive), --format iati FILE (an IATI activity file) or --format aiddata FILE")
        }
    }

    func validate() throws {
        if format != .aiddata && (recipient != nil || amount != nil || includeNotRecommended) {
            throw ValidationError("--recipient, --amount and --include-not-recommended are for --format aiddata")
        }
        if format == nil && sectors != nil {
            throw ValidationError("--sectors is for --format iati or aiddata")
        }
    }

    /// The line an AidData import prints.
    static func summary(_ report: AidDataImporter.Report, file: String) -> String {
        var notes: [String] = []
        if report.outOfAggregates > 0 { notes.append("\(report.outOfAggregates) not recommended for aggregates, left out of reports") }
        if report.estimatedShares > 0 { notes.append("\(report.estimatedShares) with estimated lender shares") }
        if report.withoutAmount > 0 { notes.append("\(report.withoutAmount) without a published amount, valued at zero") }
        if report.otherRecipients > 0 { notes.append("\(report.otherRecipients) records of other recipients skipped") }
        if report.sectorsAdded > 0 { notes.append("\(report.sectorsAdded) DAC sectors added") }
        return "imported \(report.projects) projects from \(file)" + (notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")") + "\n"
    }
}

extension AidDataAmountBasis: ExpressibleByArgument {}
extension ImportSectors: ExpressibleByArgument {}
