/// Giving up a batch whose leases could not be renewed.
extension Lanes {
    /// What a lane's batch call came to.
    enum BatchOutcome: Sendable {
        /// Nothing was due.
        case empty
        case ran(JobRunner.LaneResult)
    }

    /// A batch given up because its leases went unrenewed for a whole lease.
    struct LeasesLapsed: Error, CustomStringConvertible {
        let lease: Duration
        var description: String { "the database did not renew this lane's leases within \(lease); the batch was given up" }
    }

    /// Runs a lane's batch call, cancelling it once neither its claim (begun at `start`) nor a
    /// heartbeat since has renewed its leases within a whole lease, while the database counts as
    /// unreachable.
    ///
    /// By then the leases have run out and the rescuer may hand the jobs to another worker, so
    /// nothing this call could still finish would count (completions are fenced). Giving it up
    /// frees the lane from a database that stopped answering without closing the connection:
    /// the pool cancels the statement and severs the connection, and the lane reconnects.
    ///
    /// Lane 0 of a worker with the test-only pause (`WorkerOptions.testPauseBeforeHold`) is not
    /// watched: it stands for a lane stalled where nothing can stop it, so that the database's
    /// fence, the last line of defence, is what must turn its stale attempts away.
    func withLeaseWatch<T: Sendable>(lane: Int, since start: ContinuousClock.Instant, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        if lane == 0, options.testPauseBeforeHold != nil { return try await body() }
        let lease = options.lease
        let outcome = try await race(body) { [self] in
            while true {
                try await Task.sleep(for: lease / 4)
                let renewed = max(start, state.leasesRenewedAt.withLock { $0 })
                // Only while the database counts as unreachable (a heartbeat or maintenance pass
                // failed or timed out since it last answered): on a loaded machine heartbeats
                // that answer late still renew, and a batch must not be given up for that.
                if renewed.duration(to: .now) > lease, !state.status.snapshot.databaseReachable { return }
            }
        }
        guard case .finished(let value) = outcome else { throw LeasesLapsed(lease: lease) }
        return value
    }
}
