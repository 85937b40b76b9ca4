import ArgumentParser
import PortfolioCore
import PortfolioStore

/// `portfolio tx add CODE --type T --lender L --amount A --currency C --date D`
struct TxAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record one transaction of a project with one of its lenders.",
        discussion: """
            The database refuses a lender that does not finance the project, a date after today,
            a --ref the project has already, and disbursements above the lender's commitment
            unless --force is given with a --note (it is then reported as over-disbursed).
            Examples:
              portfolio tx add ILL-EN-01 --type disbursement --lender "China Development Bank" --amount 25,000,000 --currency USD --date 2024-05-01 --ref D-001
              portfolio tx add ILL-EN-01 --type repayment --lender "China Development Bank" --amount 1,000,000 --currency USD --date 2025-01-15
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The project's code.") var code: String
    @Option(help: "commitment, disbursement, repayment, interest or cancellation.") var type: String
    @Option(help: "The lender's name (any case).") var lender: String
    @Option(help: "The amount, such as 25,000,000 or 1200.50; greater than zero.") var amount: String
    @Option(help: "The amount's currency (ISO 4217).") var currency: String
    @Option(help: "The value date (YYYY-MM-DD), not after today.") var date: String
    @Option(help: "A reference, unique per project (a re-run import is refused instead of doubling).") var ref: String?
    @Option(help: "A note; required with --force.") var note: String?
    @Flag(help: "Record a disbursement above the commitment; needs --note.") var force = false

    func run() throws {
        let entry = try TxAddCommand.entry(
            code: code, type: type, lender: lender, amount: amount, currency: currency, date: date, ref: ref, note: note, force: force)
        let connection = try database.connect()
        defer { connection.close() }
        let (id, lender) = try LedgerStore(connection).add(entry, actor: ChangeActor.current())
        try Console.out("\(entry.projectCode): \(entry.type) of \(entry.amount.formatted(grouping: true)) \(entry.amount.currency.code) "
            + "by \(lender) on \(entry.valueDate) recorded (transaction \(id))\n")
    }

    /// The entry the flags describe; a bad flag is named in the error.
    static func entry(code: String, type: String, lender: String, amount: String, currency: String, date: String,
                      ref: String?, note: String?, force: Bool) throws -> LedgerEntry {
        let type = try checked("--type") { try TransactionType.parse(type) }
        let currency = try checked("--currency") { try Currency(code: currency) }
        let money = try checked("--amount") { try Money.parse(amount, currency: currency) }
        let day = try checked("--date") { try LocalDate.parse(date) }
        do {
            return try LedgerEntry(projectCode: code, type: type, lender: lender, amount: money, valueDate: day,
                                   reference: ref, note: note, forced: force)
        } catch {
            let flags = ["code": "code", "lender": "--lender", "amount": "--amount", "ref": "--ref", "note": "--note"]
            let first = error.problems.first
            throw InputError.invalid(flags[first?.field ?? ""] ?? "code", error.problems.map(\.message).joined(separator: "; "))
        }
    }
}
