import Foundation
import Hummingbird
import Logging
import PortfolioJobs
import Postgres

/// Builds the server's application: the routes behind their middleware, in order: problem
/// answers for every error, security headers, read-only methods, then tokens when the server
/// listens beyond loopback.
public enum ServerApplication {
    /// The router of the service, for `Application` and for tests.
    public static func router(
        pool: ConnectionPool, tokenPool: ConnectionPool?, feed: ChangeFeed? = nil, maxPageSize: Int, logger: Logger
    ) -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: ProblemMiddleware(logger: logger))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ReadOnlyMiddleware(maxBodyBytes: 0))
        if let tokenPool { router.add(middleware: TokenMiddleware(pool: tokenPool, logger: logger)) }
        Routes.add(to: router, ServerContext(pool: pool, feed: feed, responses: ResponseCache(), maxPageSize: maxPageSize, openAPI: OpenAPIDocument.data, logger: logger))
        return router
    }

    /// The application listening on `address`.
    public static func application(
        router: Router<BasicRequestContext>, address: ListenAddress, logger: Logger, onRunning: @escaping @Sendable () -> Void = {}
    ) -> some ApplicationProtocol {
        Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "portfolio-server"),
            onServerRunning: { _ in onRunning() },
            logger: logger)
    }
}
