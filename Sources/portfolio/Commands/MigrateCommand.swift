import ArgumentParser
import PortfolioStore

/// `portfolio migrate`: brings the schema up to date.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations (safe to run again, and concurrently).",
        discussion: """
            Run it as the role that owns the schema. --grant-to ROLE then gives the application's
            role the data privileges it needs and nothing more.
            Example: portfolio migrate --grant-to portfolio_app
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("grant-to"), help: ArgumentHelp(
        "After migrating, grant this existing role the data privileges the CLI and worker need (no schema changes).",
        valueName: "role"))
    var grantTo: String?

    func run() throws {
        let connection = try database.connectToAnySchema()
        defer { connection.close() }
        let report = try Migrator().migrate(connection)
        if report.applied.isEmpty {
            try Console.out("schema is up to date at version \(report.currentVersion); nothing to apply\n")
        } else {
            for migration in report.applied {
                try Console.out("applied \(migration.version): \(migration.name)\n")
            }
            try Console.out("schema is at version \(report.currentVersion)\n")
        }
        if let grantTo {
            try ApplicationRole.grant(to: grantTo, connection)
            try Console.out("granted data privileges to \(grantTo)\n")
        }
    }
}
