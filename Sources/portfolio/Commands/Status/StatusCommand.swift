import ArgumentParser

/// `portfolio status …`
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Record status changes and read a project's history.",
        subcommands: [StatusSetCommand.self, StatusHistoryCommand.self, StatusImportCommand.self]
    )
}
