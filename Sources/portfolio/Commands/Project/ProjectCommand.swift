import ArgumentParser

/// `portfolio project …`
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Add, update, show, list, import and export projects.",
        subcommands: [ProjectAddCommand.self, ProjectUpdateCommand.self, ProjectShowCommand.self,
                      ProjectListCommand.self, ProjectHistoryCommand.self, ProjectImportCommand.self, ProjectExportCommand.self]
    )
}
