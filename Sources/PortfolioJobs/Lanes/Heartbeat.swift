import Foundation
import Logging
import Postgres
import PortfolioStore

/// Renews the leases of the jobs the lanes hold, every third of a lease, on a connection of
/// its own, until every lane has returned: a stopping worker's lanes still finish the job in
/// hand, and its lease must hold meanwhile.
///
/// Each pass has `databaseTimeout`: one that does not finish in time is cancelled, and the
/// worker counts the database unreachable.
struct Heartbeat: Sendable {
    /// The heartbeat's one connection.
    let pool: ConnectionPool
    let options: WorkerOptions
    let state: WorkerState
    let logger: Logger

    func run() async {
        let options = self.options
        while !state.lanesReturned.isSet && !Task.isCancelled {
            await state.stopWake.waitUntilStopped(state.lanesReturned, timeout: options.lease / 3)
            if state.lanesReturned.isSet { return }
            let jobs = state.held.current
            if jobs.isEmpty { continue }
            let began = ContinuousClock.now
            do {
                try await withDeadline(options.databaseTimeout, "heartbeat", onExpiry: { [state] in state.markUnreachable("heartbeat") }) {
                    try await pool.withConnection { c in
                        _ = try JobQueue(c).heartbeat(jobs, owner: options.workerID, lease: options.lease)
                    }
                }
                state.leasesRenewedAt.withLock { $0 = max($0, began) }
                state.status.update {
                    $0.heartbeats += 1
                    $0.databaseReachable = true
                }
            } catch {
                logger.warning("heartbeat failed", metadata: ["error": "\(FailureReport.message(for: error))"])
                state.markUnreachable(FailureReport.message(for: error))
            }
        }
    }
}
