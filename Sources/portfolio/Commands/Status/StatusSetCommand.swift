import ArgumentParser
import PortfolioCore
import PortfolioStore

/// `portfolio status set CODE STATUS`
struct StatusSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change a project's status, now or from a future date.",
        discussion: """
            pledged → committed → ongoing → finished; suspended (and back to committed or ongoing);
            cancelled. finished and cancelled are terminal: correct them with --force and a --note.
            A future --effective date is stored as scheduled and applied by the worker on that day.
            Examples:
              portfolio status set ILL-EN-01 finished --note "commissioned"
              portfolio status set ILL-EN-03 ongoing --effective 2027-01-15
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The project's code.") var code: String
    @Argument(help: "The new status.") var status: String
    @Option(help: "Effective date (YYYY-MM-DD); today if omitted.") var effective: String?
    @Option(help: "Why; required with --force.") var note: String?
    @Flag(help: "Allow any change, such as out of a terminal status; needs --note.") var force = false

    func run() throws {
        let newStatus = try checked("status") { try ProjectStatus.parse(status) }
        let today = LocalDate.today()
        let date = try effective.map { text in try checked("--effective") { try LocalDate.parse(text) } } ?? today
        if let note, note.count > 2000 { throw InputError.invalid("--note", "is longer than 2000 characters") }
        if let note, note.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw InputError.invalid("--note", "must not contain control characters")
        }
        let connection = try database.connect()
        defer { connection.close() }
        let request = StatusChangeRequest(code: code, status: newStatus, effective: date, note: note, forced: force,
                                          actor: ChangeActor.current())
        let outcome: StatusOutcome
        do {
            outcome = try StatusStore(connection).set(request, today: today)
        } catch let error as DomainError {
            throw InputError.invalid(code, error.message)
        }
        switch outcome {
        case .applied(let entry):
            try Console.out("\(code): \(entry.from?.rawValue ?? "new") → \(entry.to.rawValue), effective \(entry.effective)\n")
        case .scheduled(let jobID, let effective):
            try Console.out("\(code): → \(newStatus.rawValue) scheduled for \(effective) (job \(jobID)); the worker applies it on that day\n")
        case .duplicate(let key):
            try Console.out("\(code): change \(key) was recorded before; nothing to do\n")
        }
    }
}
