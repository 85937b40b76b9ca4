import ArgumentParser
import Foundation
import Postgres
import PortfolioStore

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

    /// Opens a connection on the calling (main) thread to a database migrated to this
    /// program's schema.
    ///
    /// - Throws: `Migrator.SchemaMismatch` (exit 69) for a database not migrated, or
    ///   migrated by another version of the program.
    func connect() throws -> Connection {
        let connection = try connectToAnySchema()
        do {
            try Migrator().requireCurrent(connection)
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    /// Opens a connection without looking at the schema (for `migrate`).
    func connectToAnySchema() throws -> Connection {
        StandardDescriptors.ensureOpen()
        return try Connection(configuration: configuration())
    }
}
