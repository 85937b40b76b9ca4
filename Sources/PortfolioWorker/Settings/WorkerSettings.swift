import Logging
import PortfolioCore
import PortfolioJobs
import PortfolioStore
import Postgres

/// The worker's settings: flags, then environment (`DATABASE_URL`, `PORTFOLIO_*`), then the
/// JSON file (`Config/portfolio.json`, or `--config`), then defaults.
///
/// Each setting has one parser, whatever source its text comes from, and a bad value is
/// refused with a message naming the setting's flag and variable and the source it came from.
/// An empty value is refused like any other bad one (unset the variable instead), except the
/// database URL, where empty means libpq's `PG*` variables and defaults.
public struct WorkerSettings: Sendable {
    public enum LogFormat: String, Sendable, CaseIterable { case text, json }

    public var database: ConnectionConfiguration
    public var options: WorkerOptions
    /// How often the leader inserts a periodic rollup.
    public var rollupInterval: Duration
    /// Where `/health` and `/metrics` listen; nil when off.
    public var http: ListenAddress?
    public var logFormat: LogFormat
    public var logLevel: Logger.Level

    /// A setting that could not be used; exits 64 (or 66 for a missing `--config` file).
    public struct Invalid: CommandFailure {
        public let message: String
        public var exitStatus: ExitStatus
        public var description: String { message }

        public init(message: String, exitStatus: ExitStatus = .usage) {
            self.message = message
            self.exitStatus = exitStatus
        }
    }

    /// Resolves every setting from `flags`, `environment` and the settings file at `configPath`
    /// (`Config/portfolio.json` when nil; a missing default file is no file).
    public static func resolve(flags: [WorkerSetting: String], environment: [String: String], configPath: String?) async throws -> WorkerSettings {
        let path = configPath ?? "Config/portfolio.json"
        let file = try await SettingSources.loadFile(path, required: configPath != nil)
        return try resolve(SettingSources(flags: flags, environment: environment, file: file, filePath: path))
    }

    /// Resolves every setting from `sources`.
    public static func resolve(_ sources: SettingSources) throws -> WorkerSettings {
        let url = try sources.text(for: .databaseURL)?.text ?? ""
        var database: ConnectionConfiguration
        do {
            database = try ConnectionConfiguration(url.trimmingCharacters(in: .whitespaces), applicationName: "portfolio-worker")
        } catch let error as PostgresError {
            throw Invalid(message: "bad database settings: \(error.description)")
        }

        var options = WorkerOptions()
        options.concurrency = try value(sources, .concurrency, default: 2) { WholeNumberText.parse($0, in: 1...64) }
        options.batchSize = try value(sources, .batchSize, default: 100) { WholeNumberText.parse($0, in: 1...1000) }
        options.queues = try value(sources, .queues, default: nil, QueueSelection.parse)
        let rollupInterval = try value(sources, .rollupInterval, default: .seconds(3600), DurationText.parse)
        options.lease = try value(sources, .lease, default: .seconds(30), DurationText.parse)
        options.pollInterval = try value(sources, .pollInterval, default: .seconds(1), DurationText.parse)
        options.retention = try value(sources, .retention, default: .seconds(86_400), DurationText.parse)
        options.leaderLease = try value(sources, .leaderLease, default: .seconds(15), DurationText.parse)
        options.databaseTimeout = try value(sources, .databaseTimeout, default: .seconds(10), DurationText.parse)
        // A job waiting for a row or advisory lock longer than this fails (SQLSTATE 55P03) and
        // is retried with backoff, instead of waiting behind an idle transaction for ever.
        database.lockTimeout = try value(sources, .lockTimeout, default: .seconds(30), DurationText.parse)
        options.testPauseBeforeHold = try testPauseBeforeHold(sources.environment)
        let http = try value(sources, .httpAddress, default: ListenAddress(host: "127.0.0.1", port: 8080), ListenAddress.parse)
        let format = try value(sources, .logFormat, default: .text) { text in
            KeywordText.parse(text, choices: LogFormat.allCases.map(\.rawValue)).map { LogFormat(rawValue: $0) ?? .text }
        }
        let level = try value(sources, .logLevel, default: .info) { text in
            KeywordText.parse(text, choices: Logger.Level.allCases.map(\.rawValue)).map { Logger.Level(rawValue: $0) ?? .info }
        }
        return WorkerSettings(
            database: database, options: options, rollupInterval: rollupInterval, http: http, logFormat: format, logLevel: level)
    }

    /// The variable of the test-only pause (`WorkerOptions.testPauseBeforeHold`), read from the
    /// environment only and left out of the documented settings: `Scripts/chaos.sh` sets it.
    static let testPauseVariable = "PORTFOLIO_TEST_PAUSE_BEFORE_HOLD"

    private static func testPauseBeforeHold(_ environment: [String: String]) throws -> Duration? {
        guard let text = environment[testPauseVariable] else { return nil }
        switch DurationText.parse(text) {
        case .success(let pause): return pause
        case .failure(let error): throw Invalid(message: "\(testPauseVariable) (test only): \(error.message) (from the environment)")
        }
    }

    /// The setting parsed from the first source that has it, or `value` when none does.
    private static func value<T>(
        _ sources: SettingSources, _ setting: WorkerSetting, default value: T,
        _ parse: (String) -> Result<T, ConfigurationError>
    ) throws -> T {
        try sources.value(setting, default: value, parse)
    }
}
