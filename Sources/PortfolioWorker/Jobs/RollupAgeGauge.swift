import Metrics
import Postgres
import PortfolioJobs
import PortfolioStore
import Synchronization

/// Samples how old the newest rollup snapshot is, on every worker's maintenance pass, for
/// `/health` and the `portfolio_rollup_age_seconds` gauge (-1 while there is none).
public final class RollupAgeGauge: MaintenanceTask {
    public let name = "rollup age"
    public let leaderOnly = false
    public let interval = Duration.zero
    private let latest = Mutex<Double?>(nil)

    public init() {}

    /// The newest snapshot's age in seconds at the last sample; nil before the first sample or
    /// while there is no snapshot.
    public var seconds: Double? { latest.withLock { $0 } }

    public func run(_ connection: Connection) throws {
        let age = try connection.first(NewestRollupAge()) ?? nil
        latest.withLock { $0 = age }
        Gauge(label: "portfolio_rollup_age_seconds").record(age ?? -1)
    }
}
