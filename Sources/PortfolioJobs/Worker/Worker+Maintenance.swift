import Foundation
import Logging
import Postgres
import PortfolioStore

/// Keeping leases alive and, as leader, rescuing, pruning and inserting periodic jobs.
extension Worker {
    /// Renews the leases of the jobs the lanes hold, every third of a lease, until every lane
    /// has returned (a stopping worker's lanes still finish the job in hand).
    ///
    /// Each pass has `databaseTimeout`: one that does not finish in time is cancelled, and the
    /// worker counts the database unreachable.
    func heartbeatLoop() async {
        let options = self.options
        while !lanesReturned.isSet && !Task.isCancelled {
            await stopWake.waitUntilStopped(lanesReturned, timeout: options.lease / 3)
            if lanesReturned.isSet { return }
            let jobs = held.current
            if jobs.isEmpty { continue }
            let began = ContinuousClock.now
            do {
                try await withDeadline(options.databaseTimeout, "heartbeat", onExpiry: { [self] in markUnreachable("heartbeat") }) {
                    try await self.heartbeatPool.withConnection { c in
                        _ = try JobQueue(c).heartbeat(jobs, owner: options.workerID, lease: options.lease)
                    }
                }
                leasesRenewedAt.withLock { $0 = max($0, began) }
                status.update {
                    $0.heartbeats += 1
                    $0.databaseReachable = true
                }
            } catch {
                logger.warning("heartbeat failed", metadata: ["error": "\(FailureReport.message(for: error))"])
                markUnreachable(FailureReport.message(for: error))
            }
        }
    }

    /// Records that the database did not answer, for `/health` and the metrics.
    func markUnreachable(_ reason: String) {
        status.update {
            $0.databaseReachable = false
            $0.lastError = reason
        }
    }

    /// Every third of the leader lease: leader election and, as leader, rescue, pruning and
    /// periodic jobs; then the queue depth and the newest rollup's age for `/health`. A pass
    /// that takes longer than `databaseTimeout` makes the database count as unreachable at that
    /// moment (and `/health` 503); it is cancelled after six times that, at least 60 s.
    func maintenanceLoop() async {
        let options = self.options
        var lastPrune = ContinuousClock.now - .seconds(3600)
        while !stop.isSet && !Task.isCancelled {
            let shouldPrune = ContinuousClock.now - lastPrune > .seconds(60)
            do {
                let periodic = self.periodic
                let timeout = options.databaseTimeout
                // Past the timeout the database counts as unreachable; the pass itself (a rescue
                // or a prune can be long on a busy database) is cancelled only much later.
                let (leader, due, rollupAge) = try await withDeadline(timeout, "maintenance", onExpiry: { [self] in
                    markUnreachable("maintenance: the database did not answer within \(timeout)")
                }, cancelAfter: max(timeout * 6, .seconds(60))) { try await self.maintenancePool.withConnection { c -> (Bool, Int, Double?) in
                    let leader = try LeaderElector(c).acquireOrRenew(owner: options.workerID, lease: options.leaderLease)
                    if leader {
                        try JobQueue(c).rescue()
                        if shouldPrune {
                            try JobQueue(c).prune(olderThan: options.retention)
                            try RollupStore(c).pruneDeltas(olderThan: options.retention)
                        }
                        for job in periodic { try job.insertIfDue(c, owner: options.workerID) }
                    }
                    let age = try c.first(NewestRollupAge()) ?? nil
                    return (leader, try JobQueue(c).dueCount(), age)
                } }
                if shouldPrune && leader { lastPrune = .now }
                let wasLeader = status.snapshot.leader
                if leader != wasLeader {
                    logger.info(leader ? "elected leader" : "no longer leader", metadata: ["worker": "\(options.workerID)"])
                }
                status.update {
                    $0.leader = leader
                    $0.queueDepth = due
                    $0.newestRollupAgeSeconds = rollupAge
                    $0.databaseReachable = true
                    $0.checkedAt = Date()
                }
                metrics.leader(leader)
                metrics.queueDepth(due)
                metrics.rollupAge(seconds: rollupAge)
            } catch {
                logger.warning("maintenance failed; retrying", metadata: [
                    "error": "\(FailureReport.message(for: error))",
                    "retry_in_s": "\(options.leaderLease / 3)",
                ])
                status.update {
                    $0.databaseReachable = false
                    $0.leader = false
                    $0.lastError = FailureReport.message(for: error)
                }
                metrics.leader(false)
            }
            await stopWake.waitUntilStopped(stop, timeout: options.leaderLease / 3)
        }
    }
}
