import ArgumentParser
import Foundation
import Logging
import Metrics
import Postgres
import PortfolioWorker
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
            Runs until SIGTERM or SIGINT, then stops claiming, lets the jobs in hand finish, \
            returns the rest to the queue and exits 0. Any number of workers may share one database.

            Settings: flags, then DATABASE_URL and PORTFOLIO_* variables, then \
            Config/portfolio.json. Every source is parsed alike; an empty value is refused \
            (unset it instead).

            HTTP: GET /health and GET /metrics (Prometheus) on PORTFOLIO_HTTP_ADDRESS \
            (default 127.0.0.1:8080; "off" disables). A second worker on one machine needs \
            --http-address off or a port of its own: an address in use exits 69, one that \
            cannot be this machine's exits 64, before any job is claimed.
            """,
        version: PortfolioVersion.current
    )

    @Option(name: .customLong("database-url"), help: ArgumentHelp("PostgreSQL URL (default DATABASE_URL, then PG* variables).", valueName: "url"))
    var databaseURL: String?
    @Option(help: ArgumentHelp("Lanes that run jobs at once, each with its own connection, 1-64 (default 2).", valueName: "n"))
    var concurrency: String?
    @Option(name: .customLong("batch-size"), help: ArgumentHelp("Jobs a lane claims at a time, 1-1000 (default 100).", valueName: "n"))
    var batchSize: String?
    @Option(help: ArgumentHelp("Queues to work: all (default), or names separated by commas.", valueName: "names"))
    var queues: String?
    @Flag(help: "Work every job that is due, then exit 0 (for cron, scripts and tests).") var once = false
    @Option(name: .customLong("log-format"), help: "text or json (default text).") var logFormat: String?
    @Option(name: .customLong("http-address"), help: ArgumentHelp("HOST:PORT for /health and /metrics, or off.", valueName: "address"))
    var httpAddress: String?
    @Option(name: .customLong("rollup-interval"), help: "How often the leader takes a periodic rollup, e.g. 1h (default).") var rollupInterval: String?
    @Option(help: "A JSON settings file (default Config/portfolio.json when present).") var config: String?

    /// The flags given, as text for the settings parser (which parses every source alike).
    var flagSettings: [WorkerSetting: String] {
        let given: [(WorkerSetting, String?)] = [
            (.databaseURL, databaseURL), (.concurrency, concurrency), (.batchSize, batchSize), (.queues, queues),
            (.httpAddress, httpAddress), (.logFormat, logFormat), (.rollupInterval, rollupInterval),
        ]
        return Dictionary(given.compactMap { setting, text in text.map { (setting, $0) } }, uniquingKeysWith: { _, last in last })
    }

    func run() async throws {
        let settings = try await WorkerSettings.resolve(flags: flagSettings, environment: ProcessInfo.processInfo.environment, configPath: config)
        // The address is resolved and tried before anything touches the database, so a
        // listener that cannot start ends the worker before a lane claims a job. With --once
        // nothing listens: an address in use is fine, an impossible one is refused all the same.
        let listenOn = try settings.http?.checkListenable(allowInUse: once)
        let logger = WorkerLogging.bootstrap(format: settings.logFormat, level: settings.logLevel)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        // One connection per lane; the heartbeat and the maintenance loop have their own.
        let pool = ConnectionPool(configuration: settings.database, size: settings.options.concurrency)
        let rollupAge = RollupAgeGauge()
        let worker = Worker(
            pool: pool, options: settings.options, handlers: PortfolioJobKinds.handlers(once: once),
            periodic: [PortfolioJobKinds.periodicRollup(every: settings.rollupInterval)],
            maintenance: PortfolioJobKinds.maintenance(retention: settings.options.retention, rollupAge: rollupAge), logger: logger)
        do {
            try await work(worker, settings: settings, listenOn: listenOn, registry: registry, rollupAge: rollupAge, logger: logger)
        } catch {
            await closePools(worker)
            throw error
        }
        await closePools(worker)
    }

    /// Closes the worker's connections; the daemon's group has closed them already (a pool
    /// closes once).
    private func closePools(_ worker: Worker) async {
        for pool in worker.connectionPools { await pool.close() }
    }

    /// Runs `worker` once or as a daemon with its HTTP listener, until done or stopped.
    private func work(
        _ worker: Worker, settings: WorkerSettings, listenOn: ListenAddress?, registry: PrometheusCollectorRegistry,
        rollupAge: RollupAgeGauge, logger: Logger
    ) async throws {
        let pool = worker.pool
        try await WorkerCommand.checkSchema(pool)
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
        // With HTTP on, the lanes wait until the listener has bound its address; if it fails,
        // the group shuts down gracefully and the lanes never start.
        let gate = listenOn.map { _ in StartGate() }
        // The group stops its services in reverse order: the worker's parts first (lanes, then
        // heartbeat, maintenance and listener), then the HTTP listener, which answers /health
        // while the lanes drain, and last the pools.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: ConnectionPoolService(worker.connectionPools)),
        ]
        if let listenOn, let gate {
            let application = HTTPEndpoints.application(address: listenOn, worker: worker, rollupAge: rollupAge, registry: registry,
                                                        logger: logger, onRunning: { gate.open() })
            services.append(.init(service: HTTPListenerService(application: application, address: listenOn, gate: gate),
                                  successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        services += worker.services(listener: listener, startGate: gate, startMetadata: startMetadata)
        var groupConfiguration = ServiceGroupConfiguration(services: services, logger: logger)
        groupConfiguration.gracefulShutdownSignals = [.sigterm, .sigint]
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(30)
        try await ServiceGroup(configuration: groupConfiguration).run()
        logger.info("worker stopped", metadata: ["worker": "\(settings.options.workerID)"])
    }

    /// Refuses to start on a database that was never migrated, or migrated by another
    /// version of the program (exit 69, the same line the CLI prints).
    static func checkSchema(_ pool: ConnectionPool) async throws {
        try await pool.withConnection { c in try Migrator().requireCurrent(c) }
    }
}
