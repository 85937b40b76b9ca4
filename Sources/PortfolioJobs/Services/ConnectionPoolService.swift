import Postgres
import ServiceLifecycle

/// Closes connection pools when the service group stops. Listed first, it is stopped last,
/// once every service that uses the pools has returned.
public struct ConnectionPoolService: Service {
    public let pools: [ConnectionPool]

    public init(_ pools: [ConnectionPool]) {
        self.pools = pools
    }

    public func run() async throws {
        try? await gracefulShutdown()
        for pool in pools { await pool.close() }
    }
}
