import ArgumentParser
import PortfolioCore
import PortfolioStore

/// `portfolio export --all DIR` and `portfolio export --format iati`
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the whole portfolio: an archive to restore with 'import --all', or an IATI 2.03 activity file.",
        discussion: """
            --all DIR writes one CSV file per table (projects, their lenders, every field's
            history, the ledger, sectors, lenders, FX rates, targets, rollup snapshots and the
            audit trail) and manifest.json into DIR, which must not exist or be empty, from one
            consistent view. Ids and recording times are kept as stored, so the restored portfolio
            answers every --as-of and --as-recorded report as this one does. For projects alone in
            the import format, use 'portfolio project export'.

            --format iati writes one iati-activities document (IATI 2.03): an activity per project
            in the portfolio on --as-of (today by default), identified as ORG-REF-CODE, with its
            lenders, status, dates, sector and transactions. The reporting organisation and the
            recipient country come from the flags, else PORTFOLIO_IATI_ORG_REF, _ORG_NAME,
            _ORG_TYPE and PORTFOLIO_IATI_COUNTRY, else "iati" in Config/portfolio.json.
            Examples:
              portfolio export --all backup-2026-12-06
              portfolio export --format iati --org-ref BY-GOV-MOE --org-name "Ministry of Economy" --org-type 10 --country BY --output portfolio.xml
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case iati
    }

    @OptionGroup var database: ReadDatabaseOptions
    @Option(name: .customLong("all"), help: "The directory to write the archive to.") var directory: String?
    @Option(help: "iati: an IATI 2.03 activity file.") var format: Format?
    @Option(help: "iati: write to this file instead of stdout.") var output: String?
    @Option(name: .customLong("as-of"), help: "iati: the date to export the portfolio as of (YYYY-MM-DD); today if omitted.") var asOf: String?
    @Option(name: .customLong("org-ref"), help: "iati: the reporting organisation's identifier.") var orgRef: String?
    @Option(name: .customLong("org-name"), help: "iati: the reporting organisation's name.") var orgName: String?
    @Option(name: .customLong("org-type"), help: "iati: the reporting organisation's IATI type code (two digits).") var orgType: String?
    @Option(help: "iati: the recipient country, ISO 3166-1 alpha-2 (such as BY).") var country: String?

    func run() throws {
        switch (directory, format) {
        case (let directory?, nil):
            for (flag, given) in [("--output", output), ("--as-of", asOf), ("--org-ref", orgRef), ("--org-name", orgName),
                                  ("--org-type", orgType), ("--country", country)] where given != nil {
                throw InputError.usage("\(flag) goes with --format iati, not --all")
            }
            let connection = try database.connectForReading()
            defer { connection.close() }
            let manifest = try ArchiveStore(connection).export(to: directory)
            try Console.out(ExportCommand.summary(manifest, verb: "exported", directory: directory))
        case (nil, .iati?):
            try exportIATI()
        case (.some, .some):
            throw InputError.usage("give either --all DIR or --format iati, not both")
        case (nil, nil):
            throw InputError.usage("give --all DIR (the whole archive) or --format iati (an IATI activity file)")
        }
    }

    private func exportIATI() throws {
        let today = LocalDate.today()
        let date = try asOf.map { text in try checked("--as-of") { try LocalDate.parse(text) } } ?? today
        if date > today {
            throw InputError.invalid("--as-of", "\(date) is after today (\(today)); export what has happened")
        }
        let settings = try IATISettings.resolve(ref: orgRef, name: orgName, type: orgType, country: country)
        let connection = try database.connectForReading()
        defer { connection.close() }
        let activities = try IATIExport(connection).activities(asOf: date, today: today)
        let document = IATIDocument(org: settings.org, country: settings.country, asOf: date, activities: activities)
        try ReportCommand.write(document.rendered(), to: output)
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
