import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PortfolioServer
import Postgres
import TestSupport

/// A router of the service on a test database holding the sample, and a CLI on the same one.
func withServer<T: Sendable>(
    tokens: Bool = false, _ body: @escaping @Sendable (TestDatabase, PortfolioCLI, any TestClientProtocol) async throws -> T
) async throws -> T {
    try await TestDatabase.with { db in
        let cli = PortfolioCLI(db)
        _ = try await cli.succeed(["sample", "load"])
        var logger = Logger(label: "server-tests")
        logger.logLevel = .critical
        let router = ServerApplication.router(pool: db.pool, tokenPool: tokens ? db.pool : nil, maxPageSize: 50, logger: logger)
        let app = Application(router: router, logger: logger)
        return try await app.test(.router) { client in try await body(db, cli, client) }
    }
}

/// A response's body as text.
func text(_ response: TestResponse) -> String {
    String(buffer: response.body)
}
