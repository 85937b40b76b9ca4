/// One of the worker's settings under its three names: the flag (when it has one), the
/// environment variable and the key in the JSON settings file.
public struct WorkerSetting: Sendable, Hashable, CustomStringConvertible {
    /// The dotted key in the settings file, e.g. `portfolio.worker.concurrency`.
    public let key: String
    /// The command-line flag, e.g. `--concurrency`.
    public let flag: String?
    /// The environment variable, e.g. `PORTFOLIO_WORKER_CONCURRENCY`.
    public let variable: String

    /// Whether the settings file may give a list of text, read as its elements separated by commas.
    public let isList: Bool

    public init(key: String, flag: String?, variable: String, isList: Bool = false) {
        self.key = key
        self.flag = flag
        self.variable = variable
        self.isList = isList
    }

    /// The names messages use: `--concurrency / PORTFOLIO_WORKER_CONCURRENCY`.
    public var description: String { flag.map { "\($0) / \(variable)" } ?? variable }

    public static let databaseURL = WorkerSetting(key: "database.url", flag: "--database-url", variable: "DATABASE_URL")
    public static let concurrency = WorkerSetting(key: "portfolio.worker.concurrency", flag: "--concurrency", variable: "PORTFOLIO_WORKER_CONCURRENCY")
    public static let batchSize = WorkerSetting(key: "portfolio.worker.batch.size", flag: "--batch-size", variable: "PORTFOLIO_WORKER_BATCH_SIZE")
    public static let queues = WorkerSetting(key: "portfolio.worker.queues", flag: "--queues", variable: "PORTFOLIO_WORKER_QUEUES", isList: true)
    public static let httpAddress = WorkerSetting(key: "portfolio.http.address", flag: "--http-address", variable: "PORTFOLIO_HTTP_ADDRESS")
    public static let logFormat = WorkerSetting(key: "portfolio.log.format", flag: "--log-format", variable: "PORTFOLIO_LOG_FORMAT")
    public static let logLevel = WorkerSetting(key: "portfolio.log.level", flag: nil, variable: "PORTFOLIO_LOG_LEVEL")
    public static let rollupInterval = WorkerSetting(key: "portfolio.rollup.interval", flag: "--rollup-interval", variable: "PORTFOLIO_ROLLUP_INTERVAL")
    public static let lease = WorkerSetting(key: "portfolio.worker.lease", flag: nil, variable: "PORTFOLIO_WORKER_LEASE")
    public static let pollInterval = WorkerSetting(key: "portfolio.worker.poll.interval", flag: nil, variable: "PORTFOLIO_WORKER_POLL_INTERVAL")
    public static let retention = WorkerSetting(key: "portfolio.jobs.retention", flag: nil, variable: "PORTFOLIO_JOBS_RETENTION")
    public static let leaderLease = WorkerSetting(key: "portfolio.leader.lease", flag: nil, variable: "PORTFOLIO_LEADER_LEASE")
    public static let databaseTimeout = WorkerSetting(key: "portfolio.database.timeout", flag: nil, variable: "PORTFOLIO_DATABASE_TIMEOUT")
    public static let lockTimeout = WorkerSetting(key: "portfolio.database.lock.timeout", flag: nil, variable: "PORTFOLIO_LOCK_TIMEOUT")

    /// Every setting, in the order `--help` and the README list them.
    public static let all: [WorkerSetting] = [
        databaseURL, concurrency, batchSize, queues, httpAddress, logFormat, logLevel, rollupInterval,
        lease, pollInterval, retention, leaderLease, databaseTimeout, lockTimeout,
    ]
}
