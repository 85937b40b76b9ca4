import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import Postgres
import PortfolioJobs
import PortfolioServer
import PortfolioStore
import PortfolioWorker
import ServiceLifecycle

/// `portfolio-server`: the reports as a JSON API and a dashboard, read-only.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio-server",
        abstract: "Serve the portfolio's reports as a JSON API (/api/v1) and a dashboard (/), read-only.",
        discussion: """
            Runs until SIGTERM or SIGINT. Any number of copies may run behind a load balancer, \
            each with a small pool of connections. Reads go to DATABASE_READ_URL when set (a \
            streaming replica), else DATABASE_URL.

            Settings: flags, then DATABASE_URL, DATABASE_READ_URL and PORTFOLIO_SERVER_* \
            variables, then Config/portfolio.json.

            It listens on 127.0.0.1:8081 unless told otherwise. On any other address every \
            request needs 'Authorization: Bearer TOKEN' with a token from 'portfolio token \
            create'. An address in use exits 69, one that cannot be this machine's exits 64.
            Example: portfolio-server --address 127.0.0.1:8081
            """,
        version: PortfolioVersion.current
    )

    @Option(name: .customLong("database-url"), help: ArgumentHelp("PostgreSQL URL (default DATABASE_URL, then PG* variables).", valueName: "url"))
    var databaseURL: String?
    @Option(name: .customLong("database-read-url"), help: ArgumentHelp("A replica's URL for reads (default DATABASE_READ_URL).", valueName: "url"))
    var databaseReadURL: String?
    @Option(help: ArgumentHelp("HOST:PORT to listen on (default 127.0.0.1:8081).", valueName: "address")) var address: String?
    @Option(name: .customLong("pool-size"), help: ArgumentHelp("Connections for reads, 1-64 (default 4).", valueName: "n")) var poolSize: String?
    @Option(help: "A JSON settings file (default Config/portfolio.json when present).") var config: String?

    var flagSettings: [WorkerSetting: String] {
        let given: [(WorkerSetting, String?)] = [
            (ServerSettings.databaseURL, databaseURL), (ServerSettings.readURL, databaseReadURL),
            (ServerSettings.addressSetting, address), (ServerSettings.poolSizeSetting, poolSize),
        ]
        return Dictionary(given.compactMap { setting, text in text.map { (setting, $0) } }, uniquingKeysWith: { _, last in last })
    }

    func run() async throws {
        let settings = try await ServerSettings.resolve(flags: flagSettings, environment: ProcessInfo.processInfo.environment, configPath: config)
        let listenOn = try settings.address.checkListenable()
        Self.raiseOpenFileLimit()
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
        var logger = Logger(label: "portfolio-server")
        logger.logLevel = .info
        let reads = ConnectionPool(configuration: settings.readDatabase ?? settings.database, size: settings.poolSize)
        let primary = settings.requiresTokens ? ConnectionPool(configuration: settings.database, size: 1) : nil
        let pools = [reads] + (primary.map { [$0] } ?? [])
        do {
            try await reads.withConnection { c in try Migrator().requireCurrent(c) }
            // LISTEN on the primary: notifications are not replayed on a replica.
            let feed = try ChangeFeed(configuration: settings.database, maxSubscribers: settings.maxEventClients, logger: logger)
            let router = ServerApplication.router(pool: reads, tokenPool: primary, feed: feed, maxPageSize: settings.maxPageSize, logger: logger)
            let application = ServerApplication.application(router: router, address: listenOn, logger: logger) {
                // The first line a script waits for.
                // A closed or full stderr is not a reason to stop serving: the write reports it
                // and is ignored (NIO ignores SIGPIPE once it listens).
                _ = DescriptorWriter.write("portfolio-server listening on http://\(listenOn)\n", to: STDERR_FILENO)
            }
            var group = ServiceGroupConfiguration(
                services: [.init(service: ConnectionPoolService(pools)), .init(service: feed), .init(service: application)], logger: logger)
            group.gracefulShutdownSignals = [.sigterm, .sigint]
            group.maximumGracefulShutdownDuration = .seconds(10)
            logger.info("starting", metadata: ["address": "\(listenOn)", "tokens": "\(settings.requiresTokens ? "required" : "not required")",
                                               "reads": "\(settings.readDatabase == nil ? "primary" : "replica")", "pool": "\(settings.poolSize)"])
            try await ServiceGroup(configuration: group).run()
        } catch {
            for pool in pools { await pool.close() }
            throw error
        }
        for pool in pools { await pool.close() }
    }

    /// Each event-stream client holds a descriptor: raise the soft limit on open files to the
    /// hard one (at most 65,536), as far as the system allows.
    static func raiseOpenFileLimit() {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = min(limit.rlim_max, 65_536)
        _ = setrlimit(resource, &limit)
    }
}
