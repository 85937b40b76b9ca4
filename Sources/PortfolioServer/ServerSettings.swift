import Foundation
import PortfolioJobs
import PortfolioStore
import PortfolioWorker
import Postgres

/// The server's settings: flags, then environment (`DATABASE_URL`, `DATABASE_READ_URL`,
/// `PORTFOLIO_SERVER_*`), then the JSON file (`Config/portfolio.json`, or `--config`), then
/// defaults; every source parsed alike, as the worker's.
public struct ServerSettings: Sendable {
    /// The primary: the schema check and the token table.
    public var database: ConnectionConfiguration
    /// Where reads go: a streaming replica when set, else the primary.
    public var readDatabase: ConnectionConfiguration?
    /// Where the server listens; 127.0.0.1:8081 by default.
    public var address: ListenAddress
    /// Connections each process holds for reads.
    public var poolSize: Int
    /// The most projects a page may hold.
    public var maxPageSize: Int
    /// The most clients following `/api/v1/events` at once.
    public var maxEventClients: Int

    /// Whether requests need a token: on any address but loopback.
    public var requiresTokens: Bool { !address.isLoopback }

    public static let databaseURL = WorkerSetting.databaseURL
    public static let readURL = WorkerSetting(key: "database.read.url", flag: "--database-read-url", variable: "DATABASE_READ_URL")
    public static let addressSetting = WorkerSetting(key: "portfolio.server.address", flag: "--address", variable: "PORTFOLIO_SERVER_ADDRESS")
    public static let poolSizeSetting = WorkerSetting(key: "portfolio.server.pool.size", flag: "--pool-size",
                                                      variable: "PORTFOLIO_SERVER_POOL_SIZE")
    public static let pageSizeSetting = WorkerSetting(key: "portfolio.server.page.size", flag: nil, variable: "PORTFOLIO_SERVER_PAGE_SIZE")
    public static let eventClientsSetting = WorkerSetting(key: "portfolio.server.event.clients", flag: nil,
                                                          variable: "PORTFOLIO_SERVER_MAX_EVENT_CLIENTS")

    /// Resolves every setting from `flags`, `environment` and the settings file at `configPath`.
    public static func resolve(flags: [WorkerSetting: String], environment: [String: String], configPath: String?) async throws -> ServerSettings {
        let path = configPath ?? "Config/portfolio.json"
        let file = try await SettingSources.loadFile(path, required: configPath != nil)
        let sources = SettingSources(flags: flags, environment: environment, file: file, filePath: path)
        let database = try configuration(sources, databaseURL, required: true) ?? ConnectionConfiguration("")
        let read = try configuration(sources, readURL, required: false)
        let address = try sources.value(addressSetting, default: ListenAddress(host: "127.0.0.1", port: 8081)) { text in
            ListenAddress.parse(text).flatMap { parsed in
                parsed.map { .success($0) } ?? .failure(ConfigurationError("the server cannot be off; give HOST:PORT"))
            }
        }
        let pool = try sources.value(poolSizeSetting, default: 4) { WholeNumberText.parse($0, in: 1...64) }
        let page = try sources.value(pageSizeSetting, default: 500) { WholeNumberText.parse($0, in: 1...10_000) }
        let clients = try sources.value(eventClientsSetting, default: 1000) { WholeNumberText.parse($0, in: 1...100_000) }
        return ServerSettings(database: database, readDatabase: read, address: address, poolSize: pool, maxPageSize: page,
                              maxEventClients: clients)
    }

    private static func configuration(_ sources: SettingSources, _ setting: WorkerSetting, required: Bool) throws -> ConnectionConfiguration? {
        guard let (text, origin) = try sources.text(for: setting) else {
            return required ? try ConnectionConfiguration("", applicationName: "portfolio-server") : nil
        }
        do {
            return try ConnectionConfiguration(text.trimmingCharacters(in: .whitespaces), applicationName: "portfolio-server")
        } catch let error as PostgresError {
            throw WorkerSettings.Invalid(message: "\(setting): bad database settings: \(error.description) (\(origin))")
        }
    }
}
