import ArgumentParser
import PortfolioStore

/// `portfolio migrate`: brings the schema up to date.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations (safe to run again, and concurrently)."
    )

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let connection = try database.connect()
        defer { connection.close() }
        let report = try Migrator().migrate(connection)
        if report.applied.isEmpty {
            print("schema is up to date at version \(report.currentVersion); nothing to apply")
        } else {
            for migration in report.applied {
                print("applied \(migration.version): \(migration.name)")
            }
            print("schema is at version \(report.currentVersion)")
        }
    }
}
