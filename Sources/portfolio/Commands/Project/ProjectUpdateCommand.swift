import ArgumentParser
import PortfolioCore
import PortfolioStore

/// `portfolio project update CODE`
struct ProjectUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change a project's fields (status changes go through 'portfolio status set').",
        discussion: """
            Only the fields given change. An empty value clears an optional field
            (--start "", --end "", --location "", --description ""). --lender replaces all lenders.
            With --expect-version N the update is refused (exit 75) if the project has changed since
            version N. The changes take effect on --effective when given (today or earlier);
            otherwise a new value takes effect on --value-date when given and not after today, and
            everything else today: 'report --as-of' shows each change from its date on.
            Example: portfolio project update BY-EN-01 --value 1,250,000,000 --expect-version 3
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The project's code.") var code: String
    @Option(help: "New name.") var name: String?
    @Option(help: "New sector code.") var sector: String?
    @Option(help: "New value (in --currency, or the project's currency).") var value: String?
    @Option(help: "New currency; needs --value.") var currency: String?
    @Option(name: .customLong("value-date"), help: "New value date (YYYY-MM-DD).") var valueDate: String?
    @Option(name: .customLong("lender"), help: ArgumentHelp("Replaces the lenders: NAME[=PERCENT], repeated.", valueName: "name[=percent]"))
    var lenders: [String] = []
    @Option(help: "Start date, or \"\" to clear.") var start: String?
    @Option(help: "Planned end date, or \"\" to clear.") var end: String?
    @Option(help: "Location, or \"\" to clear.") var location: String?
    @Option(help: "Description, or \"\" to clear.") var description: String?
    @Option(help: "The date the changes take effect (YYYY-MM-DD, today or earlier).") var effective: String?
    @Option(name: .customLong("expect-version"), help: "Refuse unless the project is at this version.",
            transform: WholeNumber.parser(WholeNumber.identifier)) var expectVersion: Int?
    @Option(name: .customLong("format"), help: "Output: text or json.") var format: RecordFormat = .text

    func validate() throws {
        if currency != nil && value == nil { throw ValidationError("--currency needs --value") }
    }

    func run() throws {
        let today = LocalDate.today()
        let effectiveDate = try effective.map { text in try checked("--effective") { try LocalDate.parse(text) } }
        if let effectiveDate, effectiveDate > today {
            throw InputError.invalid("--effective", "\(effectiveDate) is after today (\(today)); a project update takes effect today or on an earlier date")
        }
        let connection = try database.connect()
        defer { connection.close() }
        let store = ProjectStore(connection)
        let current = try store.require(code)
        var patch = ProjectPatch()
        patch.name = name
        patch.sectorCode = try sector.map { text in try checked("--sector") { try Sector.validateCode(text) } }
        if let value {
            let currencyCode = currency ?? current.value.currency.code
            let parsedCurrency = try checked("--currency") { try Currency(code: currencyCode) }
            patch.value = try checked("--value") { try Money.parse(value, currency: parsedCurrency) }
        }
        patch.valueDate = try valueDate.map { text in try checked("--value-date") { try LocalDate.parse(text) } }
        if !lenders.isEmpty {
            if let bad = lenders.first(where: { $0.contains(";") }) {
                throw InputError.invalid("--lender", "\(bad.quotedForMessage) holds ';'; give each lender with its own --lender")
            }
            patch.lenders = try checked("--lender") {
                let shares = try LenderShare.parseList(lenders.joined(separator: ";"))
                try LenderShare.validate(shares)
                return shares
            }
        }
        patch.startDate = try dateUpdate("--start", start)
        patch.endDate = try dateUpdate("--end", end)
        patch.location = location.map { $0.trimmingCharacters(in: .whitespaces).isEmpty ? .clear : .set($0) }
        patch.description = description.map { $0.trimmingCharacters(in: .whitespaces).isEmpty ? .clear : .set($0) }
        guard !patch.isEmpty else {
            throw InputError.usage("nothing to change: give at least one field flag (see 'portfolio project update --help')")
        }
        let updated: Project
        do {
            updated = try store.update(
                code, patch, expectedVersion: expectVersion, actor: ChangeActor.current(), today: today, effective: effectiveDate)
        } catch let failure as ValidationFailure {
            throw InputError.fromValidation(failure)
        }
        switch format {
        case .json: try Console.out(try Console.json(updated))
        case .text: try Console.out("updated \(updated.code.rawValue) (version \(updated.version))\n")
        }
    }

    private func dateUpdate(_ flag: String, _ text: String?) throws -> FieldUpdate<LocalDate>? {
        guard let text else { return nil }
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return .clear }
        return .set(try checked(flag) { try LocalDate.parse(text) })
    }
}
