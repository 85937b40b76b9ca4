import ArgumentParser
import Foundation
import Postgres
import PortfolioStore

/// The worker daemon.
struct PortfolioWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio-worker",
        abstract: "Apply queued and scheduled status changes and take periodic rollups.",
        version: PortfolioVersion.current
    )

    @Option(name: .customLong("database-url"), help: ArgumentHelp(
        "PostgreSQL URL; defaults to DATABASE_URL, then libpq's PG* variables.", valueName: "url"))
    var databaseURL: String?

    @Flag(help: "Check the database and the schema, then exit.")
    var check = false

    func run() throws {
        let configuration = try databaseURL.map { try ConnectionConfiguration($0, applicationName: "portfolio-worker") }
            ?? ConnectionConfiguration.fromEnvironment(ProcessInfo.processInfo.environment, applicationName: "portfolio-worker")
        let connection = try Connection(configuration: configuration)
        defer { connection.close() }
        let versions = try Migrator().appliedVersions(connection)
        print("database reachable; schema version \(versions.last ?? 0)")
    }
}

do {
    var command = try PortfolioWorker.parseAsRoot()
    try command.run()
} catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
    let code = PortfolioWorker.exitCode(for: error)
    if code == .success { PortfolioWorker.exit(withError: error) }
    let message = PortfolioWorker.message(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid usage"
    FileHandle.standardError.write(Data("error: \(message) (see 'portfolio-worker --help')\n".utf8))
    exit(ExitStatus.usage.rawValue)
} catch {
    FileHandle.standardError.write(Data("error: \(FailureReport.message(for: error))\n".utf8))
    exit(FailureReport.status(for: error).rawValue)
}
