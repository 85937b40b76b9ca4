import Foundation
import Hummingbird
import Logging
import PortfolioWorker
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
        /// When the worker last reached the database (ISO 8601), if it has.
        let checkedAt: String?
        /// Why the database counts as unreachable.
        let lastError: String?
    }

    /// The application on `address` (numeric, as `ListenAddress.checkListenable` resolved it);
    /// `onRunning` is called once it has bound the address.
    ///
    /// `/health` answers from what the worker last learnt (its maintenance pass, every third of
    /// the leader lease, and its heartbeats, each bounded by the database timeout); it never
    /// waits for the database itself, so requests cost nothing and cannot pile up while the
    /// database is away.
    static func application(
        address: ListenAddress, worker: Worker, rollupAge: RollupAgeGauge, registry: PrometheusCollectorRegistry, logger: Logger,
        onRunning: @escaping @Sendable () -> Void
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("/health") { _, _ -> Response in
            let snapshot = worker.status.snapshot
            // Healthy once the first maintenance pass has reached the database (until then the
            // queue depth is not known) and while nothing has failed since.
            let reachable = snapshot.databaseReachable && snapshot.checkedAt != nil
            let health = Health(status: reachable ? "ok" : "degraded", worker: snapshot.workerID,
                                database: reachable ? "reachable" : "unreachable", leader: snapshot.leader,
                                queueDepth: snapshot.queueDepth, newestRollupAgeSeconds: rollupAge.seconds,
                                jobsCompleted: snapshot.jobsCompleted, jobsFailed: snapshot.jobsFailed,
                                checkedAt: snapshot.checkedAt.map { $0.formatted(.iso8601) }, lastError: reachable ? nil : snapshot.lastError)
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
}
