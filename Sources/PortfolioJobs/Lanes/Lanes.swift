import Foundation
import Logging
import Postgres
import PortfolioStore

/// The worker's lanes: each claims a batch, runs it and completes it, on a connection of the
/// lanes' pool, until asked to stop. A lane that loses the database reconnects with backoff.
struct Lanes: Sendable {
    /// One connection per lane.
    let pool: ConnectionPool
    let options: WorkerOptions
    let state: WorkerState
    let runner: JobRunner
    let logger: Logger

    /// The delays between a lane's attempts to reach the database again.
    static let reconnect = Backoff(base: 0.2, maximum: 30, jitter: 0)

    /// Runs every lane until they are asked to stop (or, `untilIdle`, until nothing is due), then
    /// records that they have returned. A cancelled task stops them the same way.
    ///
    /// - Throws: with `untilIdle`, the database error of a lane that could not reach it.
    func run(untilIdle: Bool) async throws {
        defer { state.lanesHaveReturned() }
        try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<max(1, options.concurrency) {
                    group.addTask {
                        if untilIdle {
                            try await lane(index, untilIdle: true)
                        } else {
                            try? await lane(index, untilIdle: false)
                        }
                    }
                }
                try await group.waitForAll()
            }
        } onCancel: {
            state.requestStop()
        }
    }

    /// One lane. A stopping or cancelled lane leaves; it never claims again.
    func lane(_ index: Int, untilIdle: Bool) async throws {
        var failures = 0
        let options = self.options
        while !state.stop.isSet && !Task.isCancelled {
            do {
                let outcome = try await claimAndRun(lane: index)
                if failures > 0 { logger.info("database reachable again", metadata: ["lane": "\(index)"]) }
                failures = 0
                state.status.update { $0.databaseReachable = true }
                guard case .ran(let result) = outcome else {
                    if untilIdle {
                        if try await waitForSnoozed() { continue }
                        return
                    }
                    await state.wake.wait(timeout: options.pollInterval)
                    continue
                }
                state.held.drop(lane: index)
                state.status.update {
                    $0.jobsCompleted += result.completed
                    $0.jobsFailed += result.failed
                }
            } catch {
                // The rest of the batch is left to its leases: the rescuer returns the jobs once
                // they expire (a job whose effect committed is completed already and stays so).
                state.held.drop(lane: index)
                if error is LeasesLapsed { state.status.update { $0.batchesGivenUp += 1 } }
                failures += 1
                state.status.update {
                    $0.databaseReachable = false
                    $0.lastError = FailureReport.message(for: error)
                }
                if untilIdle && failures >= 5 { throw error }
                let delay = Self.reconnect.delay(afterAttempt: failures, random: 0)
                logger.warning("database error; retrying", metadata: [
                    "lane": "\(index)", "error": "\(FailureReport.message(for: error))", "retry_in_s": "\(delay)",
                ])
                await state.wake.wait(timeout: .milliseconds(Int(delay * 1000)))
            }
        }
    }

    /// Claims a batch and runs it on one connection: no second wait for the pool between the
    /// claim and the work, and no batch claimed on a connection that then cannot run it.
    private func claimAndRun(lane index: Int) async throws -> BatchOutcome {
        let options = self.options
        let claimedAt = ContinuousClock.now
        return try await withLeaseWatch(lane: index, since: claimedAt) { [self] in
            try await pool.withConnection { c -> BatchOutcome in
                let claimed = try JobQueue(c).claim(owner: options.workerID, limit: options.batchSize, lease: options.lease, queues: options.queues)
                self.pauseBeforeHold(lane: index, claimed)
                self.state.held.hold(claimed.map(\.claim), lane: index)
                // The claim's answer is the database answering: until a heartbeat or maintenance
                // pass has too, "not yet checked" must not count as unreachable, or the lease
                // watch would give up a first batch on a slow start.
                self.state.status.update {
                    $0.claimQueries += 1
                    $0.databaseReachable = true
                }
                self.state.metrics.claimed()
                if claimed.isEmpty { return .empty }
                let now = Date()
                for job in claimed { self.state.metrics.claimLatency(seconds: now.timeIntervalSince(job.runAt)) }
                return .ran(try self.runner.process(claimed, on: c))
            }
        }
    }

    /// In `--once` mode: true while a job this run snoozed is still waiting (it will be due
    /// again in a moment).
    private func waitForSnoozed() async throws -> Bool {
        let ids = Array(state.snoozed.withLock { $0 })
        guard !ids.isEmpty else { return false }
        let waiting = try await pool.withConnection { c in
            try c.run(WaitingJobs(ids: ids))
        }
        state.snoozed.withLock { $0 = Set(waiting) }
        guard !waiting.isEmpty else { return false }
        try await Task.sleep(for: .milliseconds(200))
        return true
    }
}
