import Synchronization

/// What a worker's parts share: its status and metrics, the claims its lanes hold, the signals
/// that wake and stop them, and when the held leases were last renewed.
final class WorkerState: Sendable {
    let status: WorkerStatus
    let metrics = WorkerMetrics()
    /// Jobs the lanes hold now; only their leases are extended.
    let held = HeldJobs()
    /// Wakes idle lanes (a notification, or stopping).
    let wake = WakeSignal()
    /// Wakes the heartbeat and maintenance loops when stopping (apart from `wake`, so they
    /// never take a lane's wake-up).
    let stopWake = WakeSignal()
    /// Set when the lanes are to stop claiming.
    let stop = StopFlag()
    /// Set once every lane has returned: the heartbeat runs until then, stopping or not.
    let lanesReturned = StopFlag()
    /// When the newest heartbeat that renewed every held lease began; a lane whose leases
    /// have gone unrenewed for a whole lease gives up its batch (`Lanes.withLeaseWatch`).
    let leasesRenewedAt = Mutex<ContinuousClock.Instant>(.now)
    /// Jobs this worker snoozed; `--once` waits for them before it exits.
    let snoozed = Mutex<Set<Int>>([])

    init(workerID: String) {
        status = WorkerStatus(workerID: workerID)
    }

    /// Asks the lanes to stop: they finish the job in hand and return the rest of their batch.
    func requestStop() {
        stop.set()
        wake.signal()
        stopWake.signal()
    }

    /// Ends the heartbeat: no lane holds a job any more.
    func lanesHaveReturned() {
        lanesReturned.set()
        stopWake.signal()
    }

    /// Records that the database did not answer, for `/health` and the metrics.
    func markUnreachable(_ reason: String) {
        status.update {
            $0.databaseReachable = false
            $0.lastError = reason
        }
    }
}
