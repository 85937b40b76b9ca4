import ArgumentParser

/// `portfolio tx …`
struct TxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tx",
        abstract: "Record and list the money that flows after the signature.",
        discussion: """
            A lender's commitment is its part of the project's value, raised by commitment and
            lowered by cancellation transactions; disbursements draw on it, repayments pay
            principal back, interest is paid on top. Each transaction is in its own currency on
            its own value date; 'portfolio report financing' adds them up per lender.
            """,
        subcommands: [TxAddCommand.self, TxListCommand.self, TxImportCommand.self]
    )
}
