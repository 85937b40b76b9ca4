import Foundation
import Hummingbird
import Logging
import Postgres
import PortfolioJobs
import Prometheus

/// `/health` and `/metrics`, read-only.
enum HTTPEndpoints {
    struct Health: ResponseEncodable {
        let status: String
        let worker: String
        let database: String
        let leader: Bool
        let queueDepth: Int
        let newestRollupAgeSeconds: Double?
        let jobsCompleted: Int
        let jobsFailed: Int
    }

    /// The application on `address` (numeric, as `ListenAddress.checkListenable` resolved it);
    /// `onRunning` is called once it has bound the address.
    static func application(
        address: ListenAddress, worker: Worker, pool: ConnectionPool, registry: PrometheusCollectorRegistry, logger: Logger,
        onRunning: @escaping @Sendable () -> Void
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("/health") { _, _ -> Response in
            let reachable = await HTTPEndpoints.probe(pool, within: .seconds(3))
            let snapshot = worker.status.snapshot
            let health = Health(status: reachable ? "ok" : "degraded", worker: snapshot.workerID,
                                database: reachable ? "reachable" : "unreachable", leader: snapshot.leader,
                                queueDepth: snapshot.queueDepth, newestRollupAgeSeconds: snapshot.newestRollupAgeSeconds,
                                jobsCompleted: snapshot.jobsCompleted, jobsFailed: snapshot.jobsFailed)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            // snake_case, as every JSON document the programs write.
            encoder.keyEncodingStrategy = .convertToSnakeCase
            let body = (try? encoder.encode(health)) ?? Data("{}".utf8)
            return Response(status: reachable ? .ok : .serviceUnavailable,
                            headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "portfolio-worker"),
            onServerRunning: { _ in onRunning() },
            logger: logger)
    }

    /// Whether the database answers `SELECT 1` within `limit`. A probe that takes longer (a
    /// database that stopped answering, or a pool whose connections are all busy) is cancelled
    /// and counts as unreachable, so `/health` answers in bounded time.
    static func probe(_ pool: ConnectionPool, within limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool?.self) { group in
            group.addTask { (try? await pool.withConnection { c in try c.query("SELECT 1").scalar(Int.self) }) == 1 }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? false
        }
    }
}
