import ArgumentParser
import PortfolioCore
import PortfolioStore

/// `portfolio project add`
struct ProjectAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a project.",
        discussion: """
            Example:
              portfolio project add --code BY-EN-01 --name "Grodno Combined Heat and Power" \\
                --sector energy --status committed --value 1,200,000,000 --currency USD \\
                --value-date 2024-03-01 --lender "China Development Bank=60" \\
                --lender "Export-Import Bank of China=40"
            A lender given alone holds 100%. Unknown lenders are created.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Unique code: letters, digits, '-', '_', '.'; at most 32.") var code: String
    @Option(help: "Project name.") var name: String
    @Option(help: "Sector code (see 'portfolio sector list').") var sector: String
    @Option(help: "pledged, committed, ongoing, finished, suspended or cancelled.") var status = "pledged"
    @Option(help: "Value, e.g. 1200000000 or 1,200,000,000.50.") var value: String
    @Option(help: "ISO 4217 currency code.") var currency: String
    @Option(name: .customLong("value-date"), help: "Date the value refers to (YYYY-MM-DD); today if omitted.") var valueDate: String?
    @Option(name: .customLong("lender"), help: ArgumentHelp("A lender and its percent share, NAME[=PERCENT]; repeat for co-financing.", valueName: "name[=percent]"))
    var lenders: [String] = []
    @Option(help: "Start date (YYYY-MM-DD).") var start: String?
    @Option(help: "Planned end date (YYYY-MM-DD).") var end: String?
    @Option(help: "Location.") var location: String?
    @Option(help: "Description.") var description: String?
    @Option(name: .customLong("format"), help: "Output: text or json.") var format: RecordFormat = .text

    func validate() throws {
        if lenders.isEmpty { throw ValidationError("give at least one --lender") }
    }

    func run() throws {
        let draft = ProjectDraft(
            code: code, name: name, sector: sector, status: status, value: value, currency: currency,
            valueDate: valueDate ?? LocalDate.today().description, lenders: lenders.joined(separator: ";"),
            startDate: start ?? "", endDate: end ?? "", location: location ?? "", description: description ?? "")
        if let bad = lenders.first(where: { $0.contains(";") }) {
            throw InputError.invalid("--lender", "\(bad.quotedForMessage) holds ';'; give each lender with its own --lender")
        }
        let project: ValidatedProject
        do {
            project = try draft.validate()
        } catch {
            throw InputError.fromValidation(error)
        }
        let connection = try database.connect()
        defer { connection.close() }
        let stored = try ProjectStore(connection).add(project, actor: ChangeActor.current())
        switch format {
        case .json: try Console.out(try Console.json(stored))
        case .text: try Console.out("added \(stored.code.rawValue) (version \(stored.version))\n")
        }
    }
}
