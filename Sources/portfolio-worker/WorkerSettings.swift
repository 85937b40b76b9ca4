import Configuration
import Foundation
import Postgres
import PortfolioJobs
import PortfolioStore

/// The worker's settings: flags, then environment (`DATABASE_URL`, `PORTFOLIO_*`), then the
/// JSON file (`Config/portfolio.json`, or `--config`), then defaults.
struct WorkerSettings: Sendable {
    enum LogFormat: String, Sendable { case text, json }

    var database: ConnectionConfiguration
    var options: WorkerOptions
    var http: ListenAddress?
    var logFormat: LogFormat

    /// A setting that could not be used; exits 64 (or 66 for a missing `--config` file).
    struct Invalid: CommandFailure {
        let message: String
        var exitStatus: ExitStatus = .usage
        var description: String { message }
    }

    static func resolve(_ command: WorkerCommand, environment: [String: String]) async throws -> WorkerSettings {
        var flags: [AbsoluteConfigKey: ConfigValue] = [:]
        func set(_ key: AbsoluteConfigKey, _ value: String?, secret: Bool = false) {
            if let value { flags[key] = ConfigValue(.string(value), isSecret: secret) }
        }
        set("database.url", command.databaseURL, secret: true)
        set("portfolio.worker.concurrency", command.concurrency.map(String.init))
        set("portfolio.worker.batch.size", command.batchSize.map(String.init))
        set("portfolio.worker.queues", command.queues)
        set("portfolio.http.address", command.httpAddress)
        set("portfolio.log.format", command.logFormat)
        set("portfolio.rollup.interval", command.rollupInterval)

        let path = command.config ?? "Config/portfolio.json"
        if command.config != nil, !FileManager.default.isReadableFile(atPath: path) {
            throw Invalid(message: "--config: \(path) cannot be read", exitStatus: .noInput)
        }
        let fileSettings = ConfigReader(provider: InMemoryProvider(values: [
            "filePath": ConfigValue(.string(path), isSecret: false),
            "allowMissing": ConfigValue(.bool(true), isSecret: false),
        ]))
        let file: FileProvider<JSONSnapshot>
        do {
            file = try await FileProvider<JSONSnapshot>(config: fileSettings)
        } catch {
            throw Invalid(message: "\(path): not a valid JSON settings file (\(error))")
        }
        let config = ConfigReader(providers: [
            InMemoryProvider(name: "flags", values: flags),
            EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: .specific(["DATABASE_URL"])),
            file,
        ])

        let url = config.string(forKey: "database.url", isSecret: true) ?? ""
        let database: ConnectionConfiguration
        do {
            database = try ConnectionConfiguration(url, applicationName: "portfolio-worker")
        } catch let error as PostgresError {
            throw Invalid(message: "bad database settings: \(error.description)")
        }

        var options = WorkerOptions()
        options.concurrency = try integer(config, "portfolio.worker.concurrency", "PORTFOLIO_WORKER_CONCURRENCY", default: 2, range: 1...64)
        options.batchSize = try integer(config, "portfolio.worker.batch.size", "PORTFOLIO_WORKER_BATCH_SIZE", default: 100, range: 1...1000)
        if let queues = config.string(forKey: "portfolio.worker.queues"), !queues.isEmpty, queues != "all" {
            let names = queues.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !names.isEmpty, names.allSatisfy({ $0.count <= 100 }) else {
                throw Invalid(message: "PORTFOLIO_WORKER_QUEUES/--queues: \"\(queues)\" is not a comma-separated list of queue names")
            }
            options.queues = names
        }
        options.rollupInterval = try duration(config, "portfolio.rollup.interval", "PORTFOLIO_ROLLUP_INTERVAL", default: .seconds(3600))
        options.lease = try duration(config, "portfolio.worker.lease", "PORTFOLIO_WORKER_LEASE", default: .seconds(30))
        options.pollInterval = try duration(config, "portfolio.worker.poll.interval", "PORTFOLIO_WORKER_POLL_INTERVAL", default: .seconds(1))
        options.retention = try duration(config, "portfolio.jobs.retention", "PORTFOLIO_JOBS_RETENTION", default: .seconds(86_400))
        options.leaderLease = try duration(config, "portfolio.leader.lease", "PORTFOLIO_LEADER_LEASE", default: .seconds(15))

        let addressText = config.string(forKey: "portfolio.http.address", default: "127.0.0.1:8080")
        let http: ListenAddress?
        switch ListenAddress.parse(addressText) {
        case .success(let address): http = address
        case .failure(let error): throw Invalid(message: "PORTFOLIO_HTTP_ADDRESS/--http-address: \(error.message)")
        }
        let formatText = config.string(forKey: "portfolio.log.format", default: "text")
        guard let format = LogFormat(rawValue: formatText.lowercased()) else {
            throw Invalid(message: "PORTFOLIO_LOG_FORMAT/--log-format: \"\(formatText)\" is not text or json")
        }
        return WorkerSettings(database: database, options: options, http: http, logFormat: format)
    }

    private static func integer(_ config: ConfigReader, _ key: ConfigKey, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = config.string(forKey: key) else { return value }
        guard let number = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
            throw Invalid(message: "\(name): \"\(text)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    private static func duration(_ config: ConfigReader, _ key: ConfigKey, _ name: String, default value: Duration) throws -> Duration {
        guard let text = config.string(forKey: key) else { return value }
        switch DurationText.parse(text) {
        case .success(let duration): return duration
        case .failure(let error): throw Invalid(message: "\(name): \(error.message)")
        }
    }
}
