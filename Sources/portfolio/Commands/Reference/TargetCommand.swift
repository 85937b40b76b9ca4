import ArgumentParser
import PortfolioCore
import PortfolioStore

/// `portfolio target …`
struct TargetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target", abstract: "Set and show the portfolio's target (8,000,000,000 USD by default).",
        subcommands: [Set.self, Show.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the target.", discussion: "Example: portfolio target set 8,000,000,000 USD")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The amount.") var amount: String
        @Argument(help: "The currency.") var currency: String

        func run() throws {
            let parsedCurrency = try checked("currency") { try Currency(code: currency) }
            let money = try checked("amount") { try Money.parse(amount, currency: parsedCurrency) }
            let target = try checked("amount") { try Target(amount: money) }
            let connection = try database.connect()
            defer { connection.close() }
            try TargetStore(connection).set(target, actor: ChangeActor.current())
            try Console.out("target set to \(money.formatted(grouping: true)) \(parsedCurrency.code)\n")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the target in force.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "text or json.") var format: RecordFormat = .text

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            let current = try TargetStore(connection).current()
            switch format {
            case .json: try Console.out(try Console.json(current.target))
            case .text:
                try Console.out("\(current.target.amount.formatted(grouping: true)) \(current.target.amount.currency.code) (set by \(current.actor))\n")
            }
        }
    }
}
