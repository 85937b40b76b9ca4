import ArgumentParser
import Foundation
import Postgres

/// The options every command that reaches the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: ArgumentHelp(
        "PostgreSQL URL; defaults to DATABASE_URL, then libpq's PG* variables.", valueName: "url"))
    var databaseURL: String?

    /// The connection settings: the flag, then `DATABASE_URL`, then libpq's defaults.
    func configuration() throws -> ConnectionConfiguration {
        let environment = ProcessInfo.processInfo.environment
        if let databaseURL {
            return try ConnectionConfiguration(databaseURL, applicationName: "portfolio")
        }
        return try ConnectionConfiguration.fromEnvironment(environment, applicationName: "portfolio")
    }

    /// Opens a connection on the calling (main) thread.
    func connect() throws -> Connection {
        try Connection(configuration: configuration())
    }
}
