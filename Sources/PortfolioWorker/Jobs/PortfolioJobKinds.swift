import PortfolioJobs
import PortfolioStore

/// The portfolio's jobs, as the worker registers them: the handlers of each kind, the leader's
/// periodic rollup and the maintenance the rollups need.
public enum PortfolioJobKinds {
    /// Every job kind the worker runs.
    ///
    /// A daemon's change-triggered rollups wait a second for more changes to join them;
    /// `--once` takes them as soon as the status changes in hand are applied.
    public static func handlers(once: Bool) -> [any JobHandler] {
        [NoopHandler(), StatusApplyHandler(), LedgerRecordHandler(), RollupTakeHandler(minimumAge: once ? .zero : .seconds(1))]
    }

    /// The leader's hourly (or configured) rollup.
    public static func periodicRollup(every interval: Duration) -> PeriodicJob {
        PeriodicJob(name: "rollup.take", interval: interval) { JobRequest.periodicRollup() }
    }

    /// The rollups' maintenance: folded changes pruned after `retention`, and the newest
    /// snapshot's age sampled into `rollupAge`.
    public static func maintenance(retention: Duration, rollupAge: RollupAgeGauge) -> [any MaintenanceTask] {
        [RollupDeltaPruning(retention: retention), rollupAge]
    }
}
