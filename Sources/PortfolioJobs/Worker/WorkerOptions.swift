import Foundation

/// How a worker runs.
public struct WorkerOptions: Sendable {
    /// This worker's name in `owner` columns and logs; unique per process.
    public var workerID: String
    /// Lanes that claim and run jobs at once, each on its own connection.
    public var concurrency = 2
    /// Jobs a lane claims at a time.
    public var batchSize = 100
    /// Queues to work; nil means all.
    public var queues: [String]?
    /// How long a claim holds before the rescuer may return the job; heartbeats extend it.
    public var lease: Duration = .seconds(30)
    /// The fallback poll when no notification arrives.
    public var pollInterval: Duration = .seconds(1)
    /// How long finished jobs are kept.
    public var retention: Duration = .seconds(24 * 3600)
    /// The leader's lease; it renews at a third of it.
    public var leaderLease: Duration = .seconds(15)
    /// The longest a heartbeat, a maintenance pass or a resignation may wait for the database
    /// before it is cancelled and the database counts as unreachable.
    public var databaseTimeout: Duration = .seconds(10)
    /// Retry delays.
    public var backoff = Backoff()
    /// For tests only: lane 0 waits this long between claiming a batch that holds a first
    /// attempt and holding it, so its leases can run out unextended and another lane claims
    /// those jobs again while the first still has them in hand. Nil (no pause) in normal use.
    public var testPauseBeforeHold: Duration?

    public init(workerID: String = WorkerOptions.defaultWorkerID()) {
        self.workerID = workerID
    }

    /// `host:pid:random`.
    public static func defaultWorkerID() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        let suffix = UUID().uuidString.prefix(8).lowercased()
        return "\(host):\(getpid()):\(suffix)"
    }
}
