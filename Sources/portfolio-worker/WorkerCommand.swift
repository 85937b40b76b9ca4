import ArgumentParser
import Foundation
import Logging
import Metrics
import Postgres
import PortfolioJobs
import PortfolioStore
import Prometheus
import ServiceLifecycle

/// `portfolio-worker`: applies queued and scheduled status changes and takes rollups.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio-worker",
        abstract: "Apply queued and scheduled status changes and take periodic rollups.",
        discussion: """
            Runs until SIGTERM or SIGINT, then stops claiming, lets the jobs in hand finish,
            returns the rest to the queue and exits 0. Any number of workers may share one database.
            Settings: flags, then DATABASE_URL and PORTFOLIO_* variables, then Config/portfolio.json.
            HTTP: GET /health and GET /metrics (Prometheus) on PORTFOLIO_HTTP_ADDRESS
            (default 127.0.0.1:8080; "off" disables).
            """,
        version: PortfolioVersion.current
    )

    @Option(name: .customLong("database-url"), help: ArgumentHelp("PostgreSQL URL (default DATABASE_URL, then PG* variables).", valueName: "url"))
    var databaseURL: String?
    @Option(help: "Lanes that run jobs at once, each with its own connection (default 2).") var concurrency: Int?
    @Option(name: .customLong("batch-size"), help: "Jobs a lane claims at a time (default 100).") var batchSize: Int?
    @Option(help: "Comma-separated queues to work (default all).") var queues: String?
    @Flag(help: "Work every job that is due, then exit 0 (for cron, scripts and tests).") var once = false
    @Option(name: .customLong("log-format"), help: "text or json (default text).") var logFormat: String?
    @Option(name: .customLong("http-address"), help: "HOST:PORT for /health and /metrics, or off.") var httpAddress: String?
    @Option(name: .customLong("rollup-interval"), help: "How often the leader takes a periodic rollup, e.g. 1h (default).") var rollupInterval: String?
    @Option(help: "A JSON settings file (default Config/portfolio.json when present).") var config: String?

    func run() async throws {
        let settings = try await WorkerSettings.resolve(self, environment: ProcessInfo.processInfo.environment)
        let logger = WorkerLogging.bootstrap(format: settings.logFormat, workerID: settings.options.workerID)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let pool = ConnectionPool(configuration: settings.database, size: settings.options.concurrency + 2)
        defer { Task { await pool.close() } }
        try await WorkerCommand.checkSchema(pool)
        let worker = Worker(pool: pool, options: settings.options, handlers: WorkerCommand.handlers(),
                            periodic: [WorkerCommand.periodicRollup(every: settings.options.rollupInterval)], logger: logger)

        if once {
            let report = try await worker.runOnce()
            logger.info("worked every due job", metadata: ["completed": "\(report.completed)", "failed": "\(report.failed)"])
            return
        }
        let startMetadata: Logger.Metadata = [
            "worker": "\(settings.options.workerID)", "concurrency": "\(settings.options.concurrency)",
            "http": "\(settings.http?.description ?? "off")", "database": "\(settings.database)",
        ]
        let listener = try NotificationListener(configuration: settings.database, wake: worker.wakeSignal, logger: logger)
        let service = WorkerService(worker: worker, listener: listener, logger: logger, startMetadata: startMetadata)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: service, successTerminationBehavior: .gracefullyShutdownGroup),
        ]
        if let address = settings.http {
            services.append(.init(service: HTTPEndpoints.application(address: address, worker: worker, pool: pool, registry: registry, logger: logger)))
        }
        var groupConfiguration = ServiceGroupConfiguration(services: services, logger: logger)
        groupConfiguration.gracefulShutdownSignals = [.sigterm, .sigint]
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(30)
        try await ServiceGroup(configuration: groupConfiguration).run()
    }

    /// Every job kind the worker runs.
    static func handlers() -> [any JobHandler] {
        [NoopHandler(), StatusApplyHandler(), RollupTakeHandler()]
    }

    /// The leader's hourly (or configured) rollup.
    static func periodicRollup(every interval: Duration) -> PeriodicJob {
        PeriodicJob(name: "rollup.take", interval: interval) { JobRequest.periodicRollup() }
    }

    /// Refuses to start on a database that was never migrated, or migrated by another
    /// version of the program (exit 69, the same line the CLI prints).
    static func checkSchema(_ pool: ConnectionPool) async throws {
        try await pool.withConnection { c in try Migrator().requireCurrent(c) }
    }
}
