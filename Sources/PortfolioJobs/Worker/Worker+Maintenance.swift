import Foundation
import Logging
import Postgres
import PortfolioStore

/// Keeping leases alive and, as leader, rescuing, pruning and inserting periodic jobs.
extension Worker {
    func heartbeatLoop() async {
        let options = self.options
        while !stop.isSet && !Task.isCancelled {
            await stopWake.waitUntilStopped(stop, timeout: options.lease / 3)
            if stop.isSet { return }
            let jobs = held.current
            if jobs.isEmpty { continue }
            _ = try? await pool.withConnection { c in
                try JobQueue(c).heartbeat(jobs, owner: options.workerID, lease: options.lease)
            }
        }
    }

    func maintenanceLoop() async {
        let options = self.options
        var lastPrune = ContinuousClock.now - .seconds(3600)
        while !stop.isSet && !Task.isCancelled {
            let shouldPrune = ContinuousClock.now - lastPrune > .seconds(60)
            do {
                let periodic = self.periodic
                let (leader, due, rollupAge) = try await pool.withConnection { c -> (Bool, Int, Double?) in
                    let leader = try LeaderElector(c).acquireOrRenew(owner: options.workerID, lease: options.leaderLease)
                    if leader {
                        try JobQueue(c).rescue()
                        if shouldPrune {
                            try JobQueue(c).prune(olderThan: options.retention)
                            try RollupStore(c).pruneDeltas(olderThanMilliseconds: JobQueue.millis(options.retention))
                        }
                        for job in periodic { try job.insertIfDue(c, owner: options.workerID, now: Date()) }
                    }
                    let age = try c.query("SELECT extract(epoch FROM now() - max(taken_at))::text FROM rollup_snapshots")
                        .first?.decode(String?.self, at: 0).flatMap(Double.init)
                    return (leader, try JobQueue(c).dueCount(), age)
                }
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
                }
                metrics.leader(leader)
                metrics.queueDepth(due)
                metrics.rollupAge(seconds: rollupAge)
            } catch {
                logger.warning("maintenance failed; retrying", metadata: [
                    "error": "\(FailureReport.message(for: error))",
                    "retry_in_s": "\(Double(JobQueue.millis(options.leaderLease / 3)) / 1000)",
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
